"""Columns and completeness: values in the wrong column, empty required cells, targets without pagu."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from ...hierarchy import row_level
from ...parse.targets import Target, parse_target
from ...reader.model import Table, numeric_value
from ...specs.base import Role
from ..base import Finding, Location, Rule, Severity, register
from ..context import CheckContext
from .helpers import cell_location, column_label, row_label, shorten

_NUMERIC = (Role.PAGU, Role.NUMBER, Role.PERCENT)


@lru_cache(maxsize=4096)
def _states_a_number(text: str) -> bool:
    """Whether a text reads as a target with a number (asked of a choice column's texts, which repeat)."""
    return parse_target(text).has_number


@register
class WrongColumn(Rule):
    """A value stands in a column it does not belong to: a target under Sumber Dana, text under Pagu,
    a value right of the table.

    **Salah**: Sumber Dana berisi "45 Dokumen"; Pagu berisi "Jumlah pertemuan LKS Tripartit".

    **Benar**: "APBD Kota" di Sumber Dana, "45 Dokumen" di Target, angka rupiah di Pagu.
    """

    code = "RXL601"
    name = "column.wrong_value"
    family = "kolom"
    severity = Severity.ERROR
    message = "{kolom} untuk {baris} berisi '{isi}', {sebab}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            # only these roles can hold a value of another column's kind: a choice column any text of its own, a
            # number or target column what the reader could not read (a remark on the cell, which few cells have)
            columns = [(key, table.spec.column(key)) for key in table.columns]
            choices = [(key, col) for key, col in columns if col.role == Role.CHOICE and col.choices]
            noted = [(key, col) for key, col in columns if col.role in (Role.TARGET,) + _NUMERIC]
            for row in table.rows:
                for key, col in choices:
                    text = row.text(key)
                    if not text.strip() or text.strip() in col.choices:
                        continue
                    if _states_a_number(text):
                        yield self._wrong(table, row, key, text, "tampaknya target atau angka yang salah kolom")
                for key, col in (noted if row.has_notes else ()):
                    notes = row.notes(key)
                    if not notes:
                        continue
                    text = row.text(key)
                    if not text.strip():
                        continue
                    if col.role in _NUMERIC and "not_a_number" in notes:
                        yield self._wrong(table, row, key, text, "bukan angka" +
                                          ("; tampaknya isi kolom lain" if len(text.split()) > 1 else ""))
                    elif col.role == Role.TARGET and "unreadable" in notes and len(text.split()) > 3:
                        yield self._wrong(table, row, key, text, "bukan target; tampaknya isi kolom lain")
                if row.overflow:
                    shown = "', '".join(shorten(str(v), 30) for _, v in row.overflow[:4])
                    yield self.finding([Location(table.sheet, a) for a, _ in row.overflow], table.spec.key,
                                       written="; ".join(str(v) for _, v in row.overflow),
                                       kolom=f"Baris {row.number} di luar kolom tabel ({row.overflow[0][0]}…)",
                                       baris=row_label(table, row), isi=shown,
                                       sebab=f"{len(row.overflow)} nilai di kanan kolom terakhir tabel: isi baris tampaknya bergeser")

    def _wrong(self, table: Table, row, key: str, text: str, reason: str) -> Finding:
        return self.finding([Location(table.sheet, row.get(key).address)], table.spec.key, written=text,
                            kolom=column_label(table, key), baris=row_label(table, row), isi=shorten(text, 50),
                            sebab=reason)


# table -> columns that every program/kegiatan/sub kegiatan row must fill
REQUIRED = {
    "renja.t3_4": ("kode", "indikator", "lokasi", "target"),
    "renja.t3_2": ("lokasi", "indikator", "target", "sumber_dana"),
    "renja.t2_1": ("kode", "indikator", "target_renstra", "target_n2", "realisasi_n2", "target_n1"),
    "renja.t2_4": ("rkpd_target", "rkpd_pagu", "kebutuhan_target", "kebutuhan_pagu"),
}


@register
class EmptyRequired(Rule):
    """A row leaves a required cell empty (kode, indikator, lokasi, target, sumber dana), or fills the
    pagu of year n+1 but not its target.

    **Salah**: ``2 7 1 2.09 7`` Pemeliharaan Peralatan dan Mesin Lainnya tanpa lokasi dan sumber dana.

    **Benar**: setiap baris program/kegiatan/sub kegiatan berisi lokasi, target, pagu dan sumber dana.
    """

    code = "RXL602"
    name = "column.empty"
    family = "kolom"
    severity = Severity.WARNING
    message = "{kolom} untuk {baris} kosong."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            required = [k for k in REQUIRED.get(table.spec.key, ()) if k in table.columns]
            by_concept = table.spec.document == "umum"
            named_rows = "uraian" in table.columns
            # the columns a row must fill only when it has a pagu (of this year, of the next)
            sumber_dana = "sumber_dana" in table.columns and table.spec.key == "renja.t3_4"
            tree = ctx.tree(table) if sumber_dana and table.data_rows else None
            target_n1 = "target_n1" in table.columns and (table.spec.key == "renja.t3_4" or by_concept)
            target = by_concept and "target" in table.columns and "indikator" in table.columns
            for row in table.data_rows:
                named = not named_rows or row.text("uraian").strip() or row_level(row)
                if not named:
                    continue  # an uncoded continuation row carries only what it adds
                keys = list(required)
                if sumber_dana:
                    node = tree.node_of(row.number)
                    leaf = node is None or not node.counted_children
                    if leaf and (ctx.number(row, "pagu") or 0) > 0:
                        keys.append("sumber_dana")
                if target_n1 and (ctx.number(row, "pagu_n1") or 0) > 0:
                    keys.append("target_n1")
                if target and (ctx.number(row, "pagu") or 0) > 0 and row.text("indikator").strip():
                    keys.append("target")
                for key in keys:
                    if row.text(key).strip() == "":
                        yield self.finding([cell_location(table, row, key)], table.spec.key,
                                           kolom=column_label(table, key), baris=row_label(table, row))


@register
class TargetWithoutPagu(Rule):
    """A row sets a target but its pagu is zero, "-" or empty.

    **Salah**: Pelayanan dan Penyediaan Informasi Pasar Kerja Online: target "700 Loker", pagu kosong.

    **Benar**: pagu diisi, atau target dijelaskan (dibiayai kegiatan lain) di catatan.
    """

    code = "RXL603"
    name = "column.target_without_pagu"
    family = "kolom"
    severity = Severity.WARNING
    message = "{baris} bertarget '{target}' tetapi {kolom} {pagu}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        pairs = (("target", "target_n1"), ("pagu", "pagu_n1"))
        for table in ctx.tables_of("renja.t3_4", "renja.t3_2"):
            tree = ctx.tree(table)
            parents = {n.row.number for n in tree.nodes if n.counted_children}
            keys = [(t, p) for t, p in zip(*pairs) if t in table.columns and p in table.columns]
            # the rows with a pagu above zero, per pagu column (each read once, not once per group), as a flag per
            # sheet row: a set of 10,000 row numbers is half a megabyte, the flags of 10,000 rows 10 KB
            last = max((row.number for row in table.rows), default=0)
            paid = {p: _flags(last, (row.number for row, value in zip(table.rows, table.values_of(p))
                                     if (numeric_value(value) or 0) > 0)) for _, p in keys}
            for group in _named_groups(table):
                if group[0].number in parents:
                    continue  # a parent's pagu is its children's: checked by the pagu rules
                numbers = [r.number for r in group]
                for target_key, pagu_key in keys:
                    if any(map(paid[pagu_key].__getitem__, numbers)):
                        continue
                    for row in group:
                        target = row.value(target_key)
                        if not isinstance(target, Target) or not target.has_number:
                            continue
                        text = row.text(pagu_key).strip()
                        yield self.finding([cell_location(table, row, pagu_key), cell_location(table, row, target_key)],
                                           table.spec.key, written=text, baris=row_label(table, row),
                                           target=target.text.strip(), kolom=column_label(table, pagu_key),
                                           pagu=f"bernilai '{text}'" if text else "kosong")


def _flags(last: int, numbers: Iterable[int]) -> bytearray:
    """A flag per number 0..``last``, set for ``numbers``."""
    flags = bytearray(last + 1)
    for number in numbers:
        flags[number] = 1
    return flags


def _named_groups(table: Table) -> Iterator[list]:
    """Rows grouped as a named row followed by its unnamed rows (extra indicators, breakdown), a group at a time."""
    group: list = []
    for row in table.data_rows:
        if row.text("uraian").strip() and group:
            yield group
            group = []
        group.append(row)
    if group:
        yield group
