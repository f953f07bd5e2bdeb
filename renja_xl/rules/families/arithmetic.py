"""Arithmetic: every stated computed value against the formula applied to the stated inputs.

Each formula is applied to the values as written, so one wrong cell is reported once
and does not make every cell computed from it wrong too. A value agrees when it is
within half a unit of the last digit shown (``62.47%`` within 0.005).
"""

from __future__ import annotations

from typing import Iterator

from ...reader.model import Row, Table
from ...specs.base import Role, Capaian, CumulativeOrLatest, Difference, Predikat, Product, Ratio, Share
from ..base import Finding, Location, Rule, Severity, register
from ..context import CheckContext
from .helpers import cell_location, column_label, explain, row_label, shorten, tolerance, value_text


def _stated(row: Row, key: str, ctx: CheckContext):
    value = row.value(key)
    if isinstance(value, str):
        return value.strip() or None
    return ctx.number(row, key)


def _inputs(col) -> tuple:
    f = col.computed
    if isinstance(f, Ratio):
        return (f.num, f.den)
    if isinstance(f, Capaian):
        return (f.realisasi, f.target)
    if isinstance(f, CumulativeOrLatest):
        return f.keys
    if isinstance(f, Share):
        return (f.key,)
    if isinstance(f, Predikat):
        return (f.capaian,)
    return tuple(v for v in vars(f).values() if isinstance(v, str))


def _differs(stated, expected, cell) -> bool:
    if isinstance(stated, str) or isinstance(expected, str):
        return str(stated).strip().lower() != str(expected).strip().lower()
    return abs(stated - expected) > tolerance(cell)


def _row_checks(ctx: CheckContext, table: Table, kinds: tuple) -> Iterator[tuple]:
    """(row, column spec, stated, expected cell) for each computed data cell of the given formula kinds."""
    rows = {r.number: r for r in table.data_rows}
    for expected in ctx.expectations(table):
        row = rows.get(expected.row)
        col = table.spec.column(expected.key)
        if row is None or not isinstance(col.computed, kinds):
            continue
        yield row, col, _stated(row, col.key, ctx), expected


@register
class ComputedValue(Rule):
    """A computed value (tingkat realisasi, capaian, %, bobot, TTB, sisa dana, predikat) differs from its formula.

    **Salah**: Tabel 2.1, realisasi 92 dari target 125, Tingkat Realisasi ditulis 126%.

    **Benar**: 92 ÷ 125 × 100 = 73,60%; tombol Hitung / ``renja-xl fill`` mengisinya dengan rumus.
    """

    code = "RXL101"
    name = "arithmetic.computed_value"
    family = "aritmetika"
    severity = Severity.ERROR
    message = "{kolom} untuk {baris} tertulis {tertulis}, seharusnya {seharusnya} ({rumus})."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        kinds = (Ratio, Capaian, Share, Product, Difference, Predikat)
        for table in ctx.tables:
            for row, col, stated, expected in _row_checks(ctx, table, kinds):
                if stated is None or expected.value is None or not _differs(stated, expected.value, row.get(col.key)):
                    continue
                exact = ctx.expected_exact.get((expected.sheet, expected.row, expected.col))
                if exact is not None and exact.value is not None and not _differs(stated, exact.value, row.get(col.key)):
                    continue  # right from the unrounded inputs (TTB from the exact bobot)
                locations = [cell_location(table, row, col.key)] + [
                    cell_location(table, row, k) for k in _inputs(col) if k in table.columns]
                shown = value_text(expected.value, percent=col.role == Role.PERCENT)
                yield self.finding(
                    locations, table.spec.key, written=row.text(col.key), expected=shown,
                    kolom=column_label(table, col.key), baris=row_label(table, row), tertulis=row.text(col.key).strip(),
                    seharusnya=shown, rumus=explain(table, row, col, ctx.number),
                )


@register
class UndefinedValue(Rule):
    """A computed value is filled although its formula cannot be computed (denominator zero or empty).

    **Salah**: target Renstra 0 (atau kosong) tetapi Tingkat Capaian ditulis 100%.

    **Benar**: isi target Renstra; tanpa target, tingkat capaian dikosongkan.
    """

    code = "RXL102"
    name = "arithmetic.undefined"
    family = "aritmetika"
    severity = Severity.WARNING
    message = "{kolom} untuk {baris} tertulis {tertulis}, padahal {penyebut} {nilai}: nilainya tidak dapat dihitung."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row, col, stated, expected in _row_checks(ctx, table, (Ratio, Capaian)):
                if stated in (None, 0) or isinstance(stated, str) or expected.value is not None:
                    continue
                f = col.computed
                num, den = (f.num, f.den) if isinstance(f, Ratio) else (f.realisasi, f.target)
                if ctx.number(row, num) is None or ctx.number(row, den) not in (None, 0.0):
                    continue  # the numerator is missing too: nothing was computed, nothing to say
                den_value = ctx.number(row, den)
                yield self.finding(
                    [cell_location(table, row, col.key), cell_location(table, row, den)], table.spec.key,
                    written=row.text(col.key), kolom=column_label(table, col.key), baris=row_label(table, row),
                    tertulis=row.text(col.key).strip(), penyebut=column_label(table, den),
                    nilai="0" if den_value == 0 else f"kosong ({shorten(row.text(den)) or '-'})",
                )


@register
class TotalRow(Rule):
    """A total or average row (JUMLAH, RATA-RATA) differs from the rows above it.

    **Salah**: Rata-rata capaian IKU ditulis 94,88% padahal rata-rata kelima indikator 56,93%
    (dua indikator bernilai 0% tidak dihitung).

    **Benar**: rata-rata semua baris: (125,60 + 0 + 62,47 + 0 + 96,58) ÷ 5 = 56,93%.
    """

    code = "RXL103"
    name = "arithmetic.total_row"
    family = "aritmetika"
    severity = Severity.ERROR
    message = "{kolom} pada baris {label} tertulis {tertulis}, seharusnya {seharusnya} ({cara}){catatan}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            totals = {r.number: r for r in table.total_rows}
            for expected in ctx.expectations(table):
                row = totals.get(expected.row)
                if row is None:
                    continue
                col = table.spec.column(expected.key)
                stated = ctx.number(row, col.key)
                if stated is None or expected.value is None or not _differs(stated, expected.value, row.get(col.key)):
                    continue
                exact = ctx.expected_exact.get((expected.sheet, expected.row, expected.col))
                if col.total != "average" and exact is not None and exact.value is not None \
                        and not _differs(stated, exact.value, row.get(col.key)):
                    continue  # the rounded sum of the exact values (bobot 100.00, not the 100.03 of rounded parts)
                note = ""
                if col.total == "average":
                    note = self._left_out(ctx, table, col.key, stated, row)
                shown = value_text(expected.value, percent=col.role == Role.PERCENT)
                how = {"sum": "jumlah baris rinciannya", "average": f"rata-rata {len(table.data_rows)} baris",
                       "formula": "rumus kolom pada baris jumlah"}.get(col.total, "")
                first_label = next((v.text for v in row.cells.values() if v.text.strip()), "jumlah")
                yield self.finding(
                    [cell_location(table, row, col.key)], table.spec.key, written=row.text(col.key),
                    expected=shown, kolom=column_label(table, col.key),
                    label=shorten(first_label, 40), tertulis=row.text(col.key).strip(),
                    seharusnya=shown, cara=how, catatan=note,
                )

    @staticmethod
    def _left_out(ctx: CheckContext, table: Table, key: str, stated: float, total: Row) -> str:
        """Which rows an average silently leaves out, when a subset explains the stated value."""
        values = [(r, ctx.number(r, key)) for r in table.data_rows]
        numbers = [(r, v) for r, v in values if v is not None]
        subsets = {
            "baris bernilai 0 atau kosong": [(r, v) for r, v in numbers if v != 0],
            "baris tanpa kode": [(r, v) for r, v in numbers if r.kode is not None and r.kode.valid],
            "baris program": [(r, v) for r, v in numbers if r.kode is None or r.kode.level != "program"],
        }
        for left_out, kept in subsets.items():
            if kept and len(kept) < len(values) and abs(sum(v for _, v in kept) / len(kept) - stated) <= tolerance(total.get(key)):
                return f"; nilai tertulis adalah rata-rata {len(kept)} dari {len(values)} baris ({left_out} tidak dihitung)"
        return ""


@register
class RealisasiCapaian(Rule):
    """Realisasi capaian s.d. tahun berjalan (T-C.29 kolom 10) differs from (5)+(7)+(9), or from the latest value for a percentage.

    **Salah**: Jumlah jenis jasa surat menyurat: s.d. 2019 = 3, realisasi 2020 = 3, target 2021 = 3,
    realisasi capaian ditulis 3.

    **Benar**: indikator kumulatif (Jumlah …): 3 + 3 + 3 = 9; indikator persentase atau indeks: nilai terakhir.
    """

    code = "RXL104"
    name = "arithmetic.realisasi_capaian"
    family = "aritmetika"
    severity = Severity.WARNING
    message = "{kolom} untuk {baris} tertulis {tertulis}, seharusnya {seharusnya} ({cara})."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row, col, stated, expected in _row_checks(ctx, table, (CumulativeOrLatest,)):
                if stated is None or isinstance(stated, str) or expected.value is None:
                    continue
                if not _differs(stated, expected.value, row.get(col.key)):
                    continue
                latest = expected.formula.startswith("=IF(ISNUMBER")
                how = ("indikator persentase/indeks: nilai terakhir" if latest
                       else "indikator kumulatif: " + explain(table, row, col, ctx.number))
                yield self.finding(
                    [cell_location(table, row, col.key)] + [Location(table.sheet, table.address(row.number, k))
                                                            for k in col.computed.keys if k in table.columns],
                    table.spec.key, written=row.text(col.key), expected=value_text(expected.value),
                    kolom=column_label(table, col.key), baris=row_label(table, row),
                    tertulis=row.text(col.key).strip(), seharusnya=value_text(expected.value), cara=how,
                )
