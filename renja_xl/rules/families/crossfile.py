"""Across files: what ``renja-xl check DIR…`` finds comparing the workbooks of a folder (RXL951-RXL956).

These rules need many workbooks (and, for the ceiling, ``--pagu-pd FILE``), so a check of
one workbook never reports them; :mod:`renja_xl.batch.crossfile` does, at the end of a
folder's run. They are registered here so that they are documented (``renja-xl rules
RXL951``), configurable in ``renja-xl.ini`` (severity, off) and their messages live in one
place. ``title`` is the short Indonesian name the rekap's sheet *Lintas Berkas* shows.
"""

from __future__ import annotations

from typing import ClassVar, Iterator

from ..base import Finding, Rule, Severity, register
from ..context import CheckContext

FAMILY = "antarberkas"


class CrossFileRule(Rule):
    """Base of the rules across files: nothing to find in one workbook."""

    family = FAMILY
    title: ClassVar[str] = ""

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())   # needs the other files of the folder: renja-xl check DIR reports it


@register
class PaguAboveCeiling(CrossFileRule):
    """A Perangkat Daerah's total pagu n in its Renja is above its ceiling (pagu indikatif, ``--pagu-pd FILE``).

    The Renja's pagu n is the total of its main pagu table (each level counted once), summed
    over the PD's Renja of that year; the ceiling is the PD's line in the CSV or XLSX given
    (e.g. from the KUA-PPAS or the RKPD), of that year when the file has a ``tahun`` column.

    **Salah**: Renja Dinas Kesehatan 2025: pagu n Rp 9.215.966.320; KUA-PPAS: pagu indikatif Dinas
    Kesehatan Rp 9.000.000.000.

    **Benar**: jumlah pagu program Renja tidak melebihi pagu indikatif PD (Rp 9.000.000.000 atau kurang).
    """

    code = "RXL951"
    name = "antarberkas.pagu_melebihi_pagu_indikatif"
    title = "pagu PD melebihi pagu indikatif"
    severity = Severity.ERROR
    message = ("{label}: pagu Renja {pagu} melebihi pagu indikatif {pagu_indikatif} ('{baris}') sebesar {selisih} "
               "({berkas}).")


@register
class PaguBelowCeiling(CrossFileRule):
    """A Perangkat Daerah's total pagu n in its Renja is below its ceiling: room left (``--pagu-pd FILE``).

    **Salah**: tidak salah, hanya tanda: Renja Dinas Pendidikan: pagu n Rp 9.215.966.320; pagu indikatif
    Rp 10.000.000.000 (sisa Rp 784.033.680 belum direncanakan).

    **Benar**: pagu Renja sama dengan pagu indikatif, atau sisanya memang disengaja.
    """

    code = "RXL952"
    name = "antarberkas.pagu_di_bawah_pagu_indikatif"
    title = "pagu PD di bawah pagu indikatif"
    severity = Severity.INFO
    message = ("{label}: pagu Renja {pagu} di bawah pagu indikatif {pagu_indikatif} ('{baris}'); sisa {selisih} "
               "({berkas}).")


@register
class RenjaWithoutCeiling(CrossFileRule):
    """A Perangkat Daerah with a Renja among the files has no line in the ceiling file (``--pagu-pd FILE``).

    PD names are compared without case and punctuation, abbreviations spelled out
    (Disnaker = Dinas Tenaga Kerja) and the region left out (Kota, Kabupaten).

    **Salah**: Renja Dinas Perhubungan diperiksa, tetapi berkas pagu indikatif tidak memuat Dinas Perhubungan.

    **Benar**: setiap PD yang Renja-nya diperiksa punya satu baris di berkas pagu indikatif.
    """

    code = "RXL953"
    name = "antarberkas.tanpa_pagu_indikatif"
    title = "PD tanpa pagu indikatif"
    severity = Severity.WARNING
    message = ("{label}: pagu Renja {pagu} ({berkas}) tidak dapat dibandingkan: PD ini tidak ada di berkas pagu "
               "indikatif.")


@register
class CeilingWithoutRenja(CrossFileRule):
    """A line of the ceiling file (``--pagu-pd FILE``) has no Renja among the files checked.

    **Salah**: berkas pagu indikatif memuat Dinas Pariwisata, tetapi Renja Dinas Pariwisata tidak ada di
    folder yang diperiksa (belum dikirim, atau namanya lain).

    **Benar**: setiap baris pagu indikatif punya Renja PD-nya di antara berkas yang diperiksa.
    """

    code = "RXL954"
    name = "antarberkas.pagu_indikatif_tanpa_renja"
    title = "pagu indikatif tanpa berkas Renja"
    severity = Severity.INFO
    message = ("{pd}: pagu indikatif {pagu_indikatif} (baris {baris}) tanpa berkas Renja di antara berkas yang "
               "diperiksa.")


@register
class KodeWithSeveralNames(CrossFileRule):
    """One kode is written with different names in different files (names compared without case or 'Program').

    The finding points at the first cell of each less frequent name and says how alike it is
    to the most frequent one. Different names inside one file only are the cross-table
    rules' (RXL3xx) to report.

    **Salah**: 2.07.02 'PROGRAM PERENCANAAN TENAGA KERJA' di sepuluh berkas, 'PROGRAM PERENCANAAN DAN
    PENGEMBANGAN TENAGA KERJA' di satu berkas.

    **Benar**: satu kode, satu nama (nomenklatur resmi) di semua berkas.
    """

    code = "RXL955"
    name = "antarberkas.kode_beda_nama"
    title = "satu kode, beberapa nama"
    severity = Severity.WARNING
    message = ("Kode {kode} ditulis dengan {jumlah} nama berbeda di berkas-berkas: {nama_nama}; '{nama}' mirip "
               "{kemiripan} dengan '{nama_umum}'.")


@register
class ProgramDiffersBetweenDocuments(CrossFileRule):
    """One program of a Perangkat Daerah and year has another pagu or target in its Renja than in its RKT/PK/LKjIP.

    Programs are paired by kode, else by name.

    **Salah**: Renja Dinas A 2025: Program Perencanaan pagu Rp 100.000.000, target 100%; PK Dinas A 2025:
    pagu Rp 90.000.000, target 95%.

    **Benar**: pagu dan target program sama di Renja dan di RKT/PK/LKjIP PD itu untuk tahun yang sama.
    """

    code = "RXL956"
    name = "antarberkas.program_beda_dokumen"
    title = "program berbeda antar dokumen PD"
    severity = Severity.WARNING
    message = "{pd} {tahun}: program '{program}' berbeda antara {berkas_renja} dan {berkas_lain}: {perbedaan}."
