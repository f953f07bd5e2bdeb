"""Nomenclature: every kode exists in the official list the user gives, with its name and satuan.

Runs only with ``--nomenklatur FILE`` (or ``nomenklatur = FILE`` in renja-xl.ini) and
only on kode whose bidang the list covers: a list of bidang 2.07 says nothing of 1.01.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Iterator

from ...parse.targets import Target
from ...reader.model import Row, Table
from ...specs.base import Role
from ..base import Finding, Rule, Severity, register
from ..context import CheckContext
from .codes import display, kode_cell
from .helpers import cell_location, row_label, shorten

_LEVELS = ("program", "kegiatan", "sub_kegiatan")
_WORD = re.compile(r"[^\w]+")


def name_key(text: str) -> str:
    """A name as compared: lower case, punctuation and spacing folded (``DPA- SKPD`` = ``DPA-SKPD``)."""
    return " ".join(_WORD.sub(" ", text.lower()).split())


def _rows(ctx: CheckContext) -> Iterator[tuple[Table, Row]]:
    nomenclature = ctx.nomenclature
    if nomenclature is None:
        return
    for table in ctx.tables:
        for row in table.data_rows:
            kode = row.kode
            if kode is not None and kode.valid and kode.scheme == "90/2019" and kode.level in _LEVELS \
                    and nomenclature.covers(kode.canonical):
                yield table, row


def _name(table: Table, row: Row) -> str:
    if "uraian" not in table.columns:
        return ""
    value = row.value("uraian")
    return (value if isinstance(value, str) else row.text("uraian")).strip()


@register
class UnknownKode(Rule):
    """A program, kegiatan or sub kegiatan kode is not in the official nomenclature.

    **Salah**: sub kegiatan ``2.07.03.2.01.0009`` (nomenklatur bidang 2.07 berhenti di ``.0006``).

    **Benar**: kode yang ada di nomenklatur terbaru (Kepmendagri 900.1.15.5-1317/2023 dan perubahannya).
    """

    code = "RXL801"
    name = "nomenclature.unknown_kode"
    family = "nomenklatur"
    severity = Severity.ERROR
    message = "Kode {kode} ({baris}) tidak ada dalam nomenklatur {sumber}{saran}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        by_name = None
        for table, row in _rows(ctx):
            if ctx.nomenclature.get(row.kode.canonical) is not None:
                continue
            if by_name is None:
                by_name = {name_key(e.name): e for e in ctx.nomenclature.entries.values()}
            same = by_name.get(name_key(_name(table, row)))
            hint = f"; nama itu berkode {same.kode}" if same is not None else ""
            yield self.finding([kode_cell(table, row)], table.spec.key, written=row.kode.text,
                               expected=same.kode if same else "", kode=display(row.kode), baris=row_label(table, row),
                               sumber=ctx.nomenclature.source.rsplit("/", 1)[-1], saran=hint)


@register
class NameDiffers(Rule):
    """A kode's name differs from the official nomenclature (case, spacing and punctuation aside).

    **Salah**: ``2.07.04.2.01`` "Pelayanan Antarkerja di Daerah Kabupaten/Kota" (nama 2021).

    **Benar**: "Pelayanan antar Kerja di Daerah Kabupaten/Kota" (nama menurut nomenklatur terbaru).
    """

    code = "RXL802"
    name = "nomenclature.name"
    family = "nomenklatur"
    severity = Severity.WARNING
    message = "Nama {kode} tertulis '{tertulis}', nomenklatur resmi '{resmi}' (kemiripan {mirip}%)."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table, row in _rows(ctx):
            entry = ctx.nomenclature.get(row.kode.canonical)
            name = _name(table, row)
            if entry is None or not name or not entry.name or name_key(name) == name_key(entry.name):
                continue
            ratio = SequenceMatcher(None, name_key(name), name_key(entry.name), autojunk=False).ratio()
            yield self.finding([cell_location(table, row, "uraian")], table.spec.key, written=name,
                               expected=entry.name, kode=display(row.kode), tertulis=shorten(name, 80),
                               resmi=shorten(entry.name, 80), mirip=round(ratio * 100))


def _row_units(ctx: CheckContext, table: Table, row: Row) -> list[tuple[str, str, str]]:
    """(column key, unit as written, canonical unit) of the row's satuan column or its targets."""
    if "satuan" in table.columns and row.text("satuan").strip():
        text = row.text("satuan").strip()
        return [("satuan", text, ctx.units.resolve(text).name)]
    out = []
    for col in table.spec.columns:
        if col.role != Role.TARGET or col.computed is not None or col.key not in table.columns:
            continue
        value = row.value(col.key)
        if isinstance(value, Target) and value.parts and value.parts[0].unit and value.kind != "percent":
            out.append((col.key, value.parts[0].unit_text or value.parts[0].unit, value.parts[0].unit))
    return out


@register
class SatuanDiffers(Rule):
    """A sub kegiatan's target is written in another satuan than the nomenclature's metadata gives.

    **Salah**: ``2.07.01.2.01.0001`` Penyusunan Dokumen Perencanaan, target "3 Kegiatan" (satuan resmi: Dokumen).

    **Benar**: "3 Dokumen" (atau "3 Dok": ejaan satuan yang sama).
    """

    code = "RXL803"
    name = "nomenclature.satuan"
    family = "nomenklatur"
    severity = Severity.WARNING
    message = "Satuan {kolom} {kode} ({baris}) '{tertulis}', satuan resmi nomenklatur '{resmi}'."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table, row in _rows(ctx):
            entry = ctx.nomenclature.get(row.kode.canonical)
            if entry is None or not entry.satuan or row.kode.level != "sub_kegiatan":
                continue
            official = ctx.units.resolve(entry.satuan)
            for key, written, unit in _row_units(ctx, table, row):
                if unit != official.name and name_key(written) != name_key(entry.satuan):
                    yield self.finding([cell_location(table, row, key)], table.spec.key, written=written,
                                       expected=entry.satuan, kolom=key.replace("_", " "), kode=display(row.kode),
                                       baris=row_label(table, row), tertulis=written, resmi=entry.satuan)
                    break


@register
class RetiredKode(Rule):
    """A kode the nomenclature marks as replaced is still used.

    **Salah**: ``2.07.02.2.01.0002`` Penyusunan Rencana Tenaga Kerja Mikro (diganti ``.0003`` pada 1317/2023).

    **Benar**: ``2.07.02.2.01.0003`` Fasilitasi Penyusunan Rencana Tenaga Kerja Mikro.
    """

    code = "RXL804"
    name = "nomenclature.retired"
    family = "nomenklatur"
    severity = Severity.ERROR
    message = "Kode {kode} ({baris}) sudah tidak berlaku; penggantinya {pengganti}{nama}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table, row in _rows(ctx):
            entry = ctx.nomenclature.get(row.kode.canonical)
            if entry is None or not entry.successor:
                continue
            successor = ctx.nomenclature.get(entry.successor)
            yield self.finding([kode_cell(table, row)], table.spec.key, written=row.kode.text, expected=entry.successor,
                               kode=display(row.kode), baris=row_label(table, row), pengganti=entry.successor,
                               nama=f" ({successor.name})" if successor is not None else "")
