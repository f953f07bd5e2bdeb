"""A Bappeda's folder of 200 workbooks for the batch tests and benchmark: made from small variants in a few seconds.

Every workbook is a copy of one of 18 bases — the two examples and the 16 layouts of
``tests/layouts.py`` (agencies' and SIPD's own layouts, with injected errors) — in
subfolders by region, plus one edited copy and five files that cannot be used:

* the examples are copied under the names of eleven Perangkat Daerah
  (``renja_2022_dinas_kesehatan.xlsx``: the PD and year come from the file name, the
  layouts name theirs in their titles);
* ``renja_2022_disnaker_diubah.xlsx``: a copy of the Renja example whose program
  2.07.02 is renamed (one kode, two names across files);
* ``rusak_bukan_excel.xlsx`` (text), ``terpotong.xlsx`` (half a zip), ``lama.xls`` (an
  old binary workbook), ``kosong.xlsx`` (0 bytes) and ``tanpa_tabel.xlsx`` (no planning
  table): each a row with its reason.

``ceilings`` writes a pagu indikatif file for three PDs: Dinas Kesehatan below its
Renja's pagu, Dinas Pendidikan above it, Dinas Pariwisata with no Renja at all.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import LKJIP_EXAMPLE, RENJA_EXAMPLE  # noqa: E402
from layouts import VARIANTS, nothing_understood  # noqa: E402

PDS = ["dinas_kesehatan", "dinas_pendidikan", "dinas_sosial", "dinas_perhubungan", "bappeda", "bpkad", "dinas_pupr",
       "dinas_lingkungan_hidup", "disnaker", "dinas_kominfo", "rsud"]
RENJA_PAGU_N = 9_215_966_320      # the Renja example's pagu n (Tabel 3.4, its programs)
RENAMED_FROM = "PROGRAM PERENCANAAN TENAGA KERJA"
RENAMED_TO = "PROGRAM PERENCANAAN DAN PENGEMBANGAN TENAGA KERJA"
BROKEN = {"rusak_bukan_excel.xlsx": "bukan buku kerja", "terpotong.xlsx": "rusak atau terpotong",
          "lama.xls": "excel lama", "kosong.xlsx": "kosong", "tanpa_tabel.xlsx": "tidak ada"}


@dataclass
class Folder:
    root: Path
    files: list = field(default_factory=list)       # every workbook path, as the walk lists it
    broken: dict = field(default_factory=dict)      # name -> words its reason holds
    renamed: Path = None


def _bases(work: Path) -> dict:
    """name -> path of each base workbook (the layouts built once)."""
    bases = {}
    for name, build in VARIANTS.items():
        path = work / f"{name}.xlsx"
        build(path)
        bases[name] = path
    return bases


def build_folder(root: Path, total: int = 200) -> Folder:
    """``total`` workbooks (5 of them unusable) under ``root``, in subfolders wilayah_00 … wilayah_10."""
    work = root.parent / (root.name + "_dasar")
    work.mkdir(parents=True, exist_ok=True)
    bases = _bases(work)
    folder = Folder(root)
    good = total - len(BROKEN) - 1
    made = 0
    for i in range(11):
        region = root / f"wilayah_{i:02d}"
        region.mkdir(parents=True, exist_ok=True)
        pd = PDS[i]
        copies = [(RENJA_EXAMPLE, f"renja_2022_{pd}.xlsx"), (LKJIP_EXAMPLE, f"lkjip_2016_{pd}.xlsx")]
        copies += [(path, f"{name}_{i:02d}.xlsx") for name, path in bases.items()]
        for source, name in copies:
            if made >= good:
                break
            shutil.copyfile(source, region / name)
            made += 1
    renamed = root / "wilayah_05" / "renja_2022_disnaker_diubah.xlsx"
    _rename_program(RENJA_EXAMPLE, renamed)
    folder.renamed = renamed
    broken = root / "wilayah_10"
    broken.mkdir(exist_ok=True)
    (broken / "rusak_bukan_excel.xlsx").write_text("ini bukan buku kerja", encoding="utf-8")
    data = RENJA_EXAMPLE.read_bytes()
    (broken / "terpotong.xlsx").write_bytes(data[: len(data) // 2])
    (broken / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    (broken / "kosong.xlsx").write_bytes(b"")
    nothing_understood(broken / "tanpa_tabel.xlsx")
    folder.broken = dict(BROKEN)
    from renja_xl.batch.inputs import expand

    folder.files = expand([root])
    assert len(folder.files) == total, len(folder.files)
    return folder


def _rename_program(source: Path, target: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(source)
    ws = book["T3.4 Rencana Program"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == RENAMED_FROM:
                cell.value = RENAMED_TO
    book.save(target)


def ceilings(path: Path) -> Path:
    """A pagu indikatif file (CSV, Indonesian notation, semicolons, as exported from a KUA-PPAS sheet)."""
    path.write_text("No;Perangkat Daerah;Pagu Indikatif\n"
                    "1;Dinas Kesehatan;9.000.000.000\n"
                    "2;Dinas Pendidikan;10.000.000.000\n"
                    "3;Dinas Pariwisata;2.500.000.000\n", encoding="utf-8")
    return path
