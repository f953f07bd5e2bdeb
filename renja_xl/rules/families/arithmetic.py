"""Arithmetic: every stated computed value against the formula applied to the stated inputs.

Each formula is applied to the values as written, so one wrong cell is reported once
and does not make every cell computed from it wrong too. The comparison is rounding
aware: the written value stands for half a unit of its last shown digit (``62.47%`` is
62,465…62,475), and the formula is evaluated on intervals (:mod:`renja_xl.compute.intervals`)
when its inputs are printed rounded (:func:`~.helpers.input_intervals`), so a value is
wrong only when no choice of the inputs within their printed precision gives it. The
message still states the value computed from the inputs as printed.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from ...compute import intervals as iv
from ...compute.engine import is_negative
from ...compute.intervals import Interval
from ...compute.predikat import DEFAULT_BANDS, PredikatBands
from ...parse import numbers as _numbers
from ...parse.numbers import parse_number
from ...reader.model import Row, Table
from ...specs.base import Role, Capaian, CumulativeOrLatest, Difference, Predikat, Product, Ratio, Share, Sum
from ..base import Finding, Location, Rule, Severity, register
from ..context import CheckContext
from .helpers import (cell_location, column_label, explain, input_decimals, input_intervals, is_predikat, leaf_rows,
                      predikat_fits, predikat_label, predikat_scales, row_label, shorten, tolerance, value_text,
                      written_interval)


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
    if isinstance(f, (CumulativeOrLatest, Sum)):
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


# --- rounding-aware evaluation ---------------------------------------------------------------


def _intervals(ctx: CheckContext, table: Table, cells: list) -> list:
    """The intervals of ``[(row, key), …]``, judged together (:func:`~.helpers.input_intervals`)."""
    return input_intervals([(row.get(key), ctx.number(row, key)) for row, key in cells], table.notation)


def formula_interval(ctx: CheckContext, table: Table, row: Row, col, latest: bool = False) -> Optional[Interval]:
    """Every value the column's formula can take on this row for inputs within their printed precision.

    None when an input is missing (the formula gives nothing) or for a kind that has no
    number (predikat, roll-up). ``latest`` tells a :class:`CumulativeOrLatest` to take the
    last value rather than the sum.
    """
    f = col.computed
    has = lambda key: key is not None and key in table.columns  # noqa: E731
    if isinstance(f, Ratio):
        n, d = _intervals(ctx, table, [(row, f.num), (row, f.den)])
        return None if n is None or d is None else iv.ratio(n, d, f.scale)
    if isinstance(f, Capaian):
        r, t = _intervals(ctx, table, [(row, f.realisasi), (row, f.target)])
        negative = has(f.polaritas) and row.get(f.polaritas) is not None and is_negative(row.get(f.polaritas).raw)
        return None if r is None or t is None else iv.capaian(r, t, negative)
    if isinstance(f, (CumulativeOrLatest, Sum)):
        values = _intervals(ctx, table, [(row, k) for k in f.keys if has(k)])
        if latest:
            return iv.latest(values)
        return iv.cumulative(v for v in values if v is not None)
    if isinstance(f, (Difference, Product)):
        a, b = _intervals(ctx, table, [(row, f.a), (row, f.b)])
        if a is None or b is None:
            return None
        return iv.difference(a, b) if isinstance(f, Difference) else iv.product(a, b, f.scale)
    if isinstance(f, Share):
        leaves = leaf_rows(table, ctx.tree(table))
        cells = [(row, f.key)] + [(r, f.key) for r in leaves if r is not row]
        part, *others = _intervals(ctx, table, cells)
        rest = iv.total(v for v in others if v is not None) or Interval.point(0.0)
        if part is None:
            return None
        # a leaf's part is inside the total; a parent row's is not (the total sums the leaves)
        return iv.share(part, rest) if any(r is row for r in leaves) else iv.ratio(part, rest)
    return None


def _rounding_explains(ctx: CheckContext, table: Table, row: Row, col, stated: float, formula: Optional[str]) -> bool:
    """Whether some choice of the inputs within their printed precision gives the written value."""
    latest = bool(formula) and formula.startswith("=IF(ISNUMBER")
    interval = formula_interval(ctx, table, row, col, latest)
    return interval is not None and written_interval(row.get(col.key), stated).touches(interval)


def _predikat_fits(ctx: CheckContext, row: Row, col, stated) -> bool:
    """Whether a written predikat names a band the written capaian's interval touches (either label scale)."""
    capaian = ctx.number(row, col.computed.capaian)
    if capaian is None or not isinstance(stated, str):
        return False
    return predikat_fits(stated, written_interval(row.get(col.computed.capaian), capaian),
                         labels=col.computed.labels)


@register
class ComputedValue(Rule):
    """A computed value (tingkat realisasi, capaian, %, bobot, TTB, sisa dana, predikat) differs from its formula.

    Rounding aware: the written value stands for half a unit of its last shown digit, and
    inputs printed with decimals for half a unit of theirs (see ``renja_xl.compute.intervals``);
    a value is reported only when no choice of its inputs within that precision gives it.
    A predikat is right when the capaian's interval touches its band, in either scale
    (Sangat Tinggi … Sangat Rendah or Sangat Baik … Sangat Kurang).

    **Salah**: Tabel 2.1, realisasi 92 dari target 125, Tingkat Realisasi ditulis 126%.

    **Benar**: 92 ÷ 125 × 100 = 73,60%; tombol Hitung / ``renja-xl fill`` mengisinya dengan rumus.
    Realisasi 72,16 dari target 87,45 ditulis 82,51% juga benar: 72,155…72,165 ÷ 87,445…87,455
    memberi 82,50…82,53%.
    """

    code = "RXL101"
    name = "arithmetic.computed_value"
    family = "aritmetika"
    severity = Severity.ERROR
    message = "{kolom} untuk {baris} tertulis {tertulis}, seharusnya {seharusnya} ({rumus})."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        kinds = (Ratio, Capaian, Sum, Share, Product, Difference, Predikat)
        for table in ctx.tables:
            for row, col, stated, expected in _row_checks(ctx, table, kinds):
                if stated is None or expected.value is None or not _differs(stated, expected.value, row.get(col.key)):
                    continue
                exact = ctx.expected_exact.get((expected.sheet, expected.row, expected.col))
                if exact is not None and exact.value is not None and not _differs(stated, exact.value, row.get(col.key)):
                    continue  # right from the unrounded inputs (TTB from the exact bobot)
                predikat = isinstance(col.computed, Predikat)
                if predikat and _predikat_fits(ctx, row, col, stated):
                    continue  # the capaian's interval touches the written band (91,00% may be 90,996)
                if not predikat and not isinstance(stated, str) \
                        and _rounding_explains(ctx, table, row, col, stated, expected.formula):
                    continue  # some inputs within their printed precision give the written value
                locations = [cell_location(table, row, col.key)] + [
                    cell_location(table, row, k) for k in _inputs(col) if k in table.columns]
                shown = value_text(expected.value, percent=col.role == Role.PERCENT)
                if predikat and isinstance(stated, str):
                    shown = predikat_label(ctx.number(row, col.computed.capaian), like=stated,
                                           labels=col.computed.labels) or shown
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

    Rounding aware like RXL101 (a sum of parts printed at two decimals may differ from the
    written total by up to half a unit per part). The message names what the written value
    is when it is another total: an average of only some rows, a simple average of the
    rows' percentages where the ratio of the column totals (weighted) is right, or the
    weighted ratio where the simple average is right.

    **Salah**: Rata-rata capaian IKU ditulis 94,88% padahal rata-rata kelima indikator 56,93%
    (dua indikator bernilai 0% tidak dihitung). Realisasi keuangan (%) pada baris JUMLAH ditulis
    sebagai rata-rata sederhana persentase kegiatan.

    **Benar**: rata-rata semua baris: (125,60 + 0 + 62,47 + 0 + 96,58) ÷ 5 = 56,93%; persentase
    realisasi anggaran pada baris JUMLAH = jumlah realisasi ÷ jumlah anggaran × 100 (tertimbang).
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
                interval = self._interval(ctx, table, row, col)
                if interval is not None and written_interval(row.get(col.key), stated).touches(interval):
                    continue  # the parts within their printed precision give the written total
                note = ""
                if col.total == "average":
                    note = self._left_out(ctx, table, col.key, stated, row) \
                        or self._weighted_instead(ctx, table, col, stated, row)
                elif col.total == "formula":
                    note = self._simple_instead(ctx, table, col, stated, row)
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
    def _interval(ctx: CheckContext, table: Table, row: Row, col) -> Optional[Interval]:
        """Every value the total can take for parts within their printed precision."""
        if col.total == "sum":
            values = _intervals(ctx, table, [(r, col.key) for r in leaf_rows(table, ctx.tree(table))])
            return iv.total(v for v in values if v is not None)
        if col.total == "average":
            values = [v for v in _intervals(ctx, table, [(r, col.key) for r in table.data_rows]) if v is not None]
            return iv.mean(values)
        if col.total == "formula":
            return formula_interval(ctx, table, row, col)
        return None

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

    @staticmethod
    def _simple_instead(ctx: CheckContext, table: Table, col, stated: float, total: Row) -> str:
        """For a ratio totalled as the ratio of the column totals: is the written value the simple average instead?"""
        f = col.computed
        if not isinstance(f, Ratio):
            return ""
        rows = [(r, ctx.number(r, col.key)) for r in table.data_rows]
        rows = [(r, v) for r, v in rows if v is not None]
        average = iv.mean([written_interval(r.get(col.key), v) for r, v in rows])
        if average is None or len(rows) < 2 or not written_interval(total.get(col.key), stated).touches(average):
            return ""
        simple = value_text(sum(v for _, v in rows) / len(rows), percent=col.role == Role.PERCENT)
        return (f"; nilai tertulis adalah rata-rata sederhana {len(rows)} baris ({simple}); seharusnya rasio jumlah "
                f"{column_label(table, f.num)} ÷ jumlah {column_label(table, f.den)} (tertimbang)")

    @staticmethod
    def _weighted_instead(ctx: CheckContext, table: Table, col, stated: float, total: Row) -> str:
        """For a ratio totalled as the simple average: is the written value the ratio of the column totals instead?"""
        f = col.computed
        if not isinstance(f, Ratio):
            return ""
        leaves = leaf_rows(table, ctx.tree(table))
        sums = []
        for key in (f.num, f.den):
            values = [v for v in _intervals(ctx, table, [(r, key) for r in leaves]) if v is not None]
            sums.append(iv.total(values))
        if sums[0] is None or sums[1] is None:
            return ""
        weighted = iv.ratio(sums[0], sums[1], f.scale)
        if not weighted.bounded or not written_interval(total.get(col.key), stated).touches(weighted):
            return ""
        shown = value_text(weighted.mid, percent=col.role == Role.PERCENT)
        return (f"; nilai tertulis adalah rasio jumlah {column_label(table, f.num)} ÷ jumlah "
                f"{column_label(table, f.den)} ({shown}, tertimbang); "
                "seharusnya rata-rata sederhana persentase barisnya")


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
                if _rounding_explains(ctx, table, row, col, stated, expected.formula):
                    continue  # the inputs within their printed precision give the written value
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


# --- a predikat written in the value's own cell ("63,36 % (Rendah)") ---------------------------

_PREDIKAT_WORDS = (r"sangat\s+tinggi|sangat\s+rendah|sangat\s+baik|sangat\s+kurang"
                   r"|tinggi|sedang|rendah|baik|cukup|kurang")
_LABELLED = re.compile(
    r"^\s*(?P<number>[-+]?\d[\d.,]*(?:\s*(?:%|persen))?)\s*"
    r"(?:[-–—:/]\s*)?[(\[]?\s*(?:predikat\s*:?\s*)?(?P<label>" + _PREDIKAT_WORDS + r")\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)


def split_predikat(text: str) -> Optional[tuple]:
    """``"63,36 % (Sedang)"`` → (``"63,36 %"``, ``"Sedang"``): a number and the predikat written after it.

    Uses ``parse.numbers.split_label`` when the parser has it (a label of any kind, kept only
    when it is a predikat of either scale); a parser without it falls back on a small
    pattern of this module. None when the text is not a number followed by a predikat.
    """
    if not isinstance(text, str):
        return None
    split_label = getattr(_numbers, "split_label", None)
    if split_label is not None:
        number, label = split_label(text)
        if not label or not is_predikat(label):
            return None
        return number.strip(), " ".join(label.split())
    m = _LABELLED.match(text)
    if m is None:
        return None
    return m.group("number"), " ".join(m.group("label").split())


def _band_text(label: str, bands: PredikatBands = DEFAULT_BANDS) -> str:
    """The cut-offs of a label's band (either scale): ``≥ 91``, ``76–90``, ``≤ 50`` for the default bands."""
    key = " ".join(label.split()).lower()
    position = next((i for scale in predikat_scales(bands) for i, name in enumerate(scale) if name.lower() == key),
                    None)
    if position is None:
        return ""
    thresholds = [t for t, _ in bands.bands]

    def below(t: float) -> str:
        return f"≤ {t - 1:g}" if float(t).is_integer() else f"< {t:g}"

    if position == 0:
        return f"≥ {thresholds[0]:g}"
    if position == len(thresholds):
        return below(thresholds[-1])
    upper = below(thresholds[position - 1]).lstrip("≤ ")
    return f"{thresholds[position]:g}–{upper}"


@register
class PredikatInCell(Rule):
    """A predikat written in the same cell as its capaian ("63,36 % (Sedang)") is not the band of that value.

    The LKjIP habit of writing the predikat beside the percentage in one cell. Either scale
    is accepted: Sangat Tinggi / Tinggi / Sedang / Rendah / Sangat Rendah or Sangat Baik /
    Baik / Cukup / Kurang / Sangat Kurang, for ≥ 91, 76–90, 66–75, 51–65, ≤ 50. The value
    stands for half a unit of its last digit, so "91 % (Baik)" is accepted (91 may be 90,6).

    **Salah**: Capaian ditulis "63,36 % (Sedang)": 63,36 termasuk Rendah (51–65).

    **Benar**: "63,36 % (Rendah)" atau "63,36 % (Kurang)"; "82,51 % (Tinggi)".
    """

    code = "RXL105"
    name = "arithmetic.predikat_in_cell"
    family = "aritmetika"
    severity = Severity.ERROR
    message = ("{kolom} untuk {baris} tertulis \"{tertulis}\": nilai {nilai} termasuk predikat {seharusnya} ({pita}), "
               "bukan {predikat}.")

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            keys = [c.key for c in table.spec.columns if c.role == Role.PERCENT and c.key in table.columns]
            for row in table.rows:
                for key in keys:
                    cell = row.get(key)
                    parts = split_predikat(cell.raw) if cell is not None else None
                    if parts is None:
                        continue
                    number, label = parts
                    parsed = parse_number(number, table.notation)
                    if parsed is None or parsed.value is None:
                        continue
                    decimals = input_decimals(cell, parsed.value, table.notation)
                    if predikat_fits(label, Interval.rounded(parsed.value, decimals)):
                        continue
                    expected = predikat_label(parsed.value, like=label) or ""
                    yield self.finding(
                        [cell_location(table, row, key)], table.spec.key, written=cell.text.strip(),
                        expected=f"{number} ({expected})",
                        kolom=column_label(table, key), baris=row_label(table, row), tertulis=shorten(cell.text),
                        nilai=value_text(parsed.value, decimals, percent=parsed.percent), seharusnya=expected,
                        pita=_band_text(expected), predikat=label,
                    )
