"""Units and targets: does a target fit its indicator, its other year, its neighbours?"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from ...parse.indicators import indicator_kind
from ...parse.targets import Target
from ...reader.model import Row, Table
from ...specs.base import Role
from ..base import Finding, Location, Rule, Severity, number_text, register
from ..context import CheckContext
from .helpers import cell_location, column_label, row_label, shorten

_PAIRS_OF_YEARS = (("target", "target_n1"), ("target_n2", "target_n1"))
SHIFTS = (1, -1, 2, -2, 3, -3)


def target_cells(table: Table) -> Iterator[tuple[Row, str, Target]]:
    """Every parsed target of a table that has an indicator column."""
    if "indikator" not in table.columns and "kebutuhan_indikator" not in table.columns:
        return
    keys = [c.key for c in table.spec.columns if c.role == Role.TARGET and c.key in table.columns and c.computed is None]
    rows = table.data_rows
    columns = [(key, table.values_of(key, rows)) for key in keys]
    for position, row in enumerate(rows):
        for key, values in columns:
            value = values[position]
            if isinstance(value, Target) and value.parts:
                yield row, key, value


def indicator_of(table: Table, row: Row, key: str) -> str:
    if key.startswith("rkpd_"):
        return row.text("rkpd_indikator")
    if key.startswith("kebutuhan_"):
        return row.text("kebutuhan_indikator")
    return row.text("indikator")


def _indicator_key(key: str) -> str:
    return "rkpd_indikator" if key.startswith("rkpd_") else "kebutuhan_indikator" if key.startswith("kebutuhan_") else "indikator"


@register
class TargetKind(Rule):
    """A target's unit contradicts its indicator: a percentage indicator with a count, a count with a percentage.

    **Salah**: "Persentase Peserta Pelatihan Kerja yang mendapatkan sertifikat kelulusan" dengan target "30 LPK".

    **Benar**: indikator "Persentase …" bertarget persen (100%); "Jumlah …" bertarget bilangan dengan satuan (30 LPK).
    """

    code = "RXL401"
    name = "target.kind"
    family = "satuan"
    severity = Severity.ERROR
    message = "Target {kolom} '{target}' untuk indikator '{indikator}' ({jenis_indikator}) bersatuan {satuan}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row, key, target in target_cells(table):
                text = indicator_of(table, row, key)
                kind = indicator_kind(text)
                for part in target.parts:
                    wrong = (kind == "percent" and part.kind in ("count", "document", "measure", "currency")) or \
                            (kind == "count" and part.kind == "percent" and not target.is_multiple)
                    if wrong:
                        yield self.finding(
                            [cell_location(table, row, key), cell_location(table, row, _indicator_key(key))],
                            table.spec.key, written=target.text, kolom=column_label(table, key), target=target.text.strip(),
                            indikator=shorten(text, 70), jenis_indikator="persentase" if kind == "percent" else "jumlah",
                            satuan=f"'{part.unit_text}'" if part.unit_text else "persen",
                        )
                        break


@register
class FractionForPercent(Rule):
    """A percentage target is written as a fraction (0.032 instead of 3.2%): the indicator is a percentage,
    or the row's other targets are.

    **Salah**: "Persentase dokumen Rencana Tenaga Kerja (RTK) yang tersusun" dengan target 0.032.

    **Benar**: 3,2% (atau 3,2 bila satuan persen di kolom lain).
    """

    code = "RXL402"
    name = "target.fraction"
    family = "satuan"
    severity = Severity.ERROR
    message = "Target {kolom} '{target}' untuk indikator '{indikator}' tampaknya pecahan; maksudnya {persen}%?"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row, key, target in target_cells(table):
                part = target.parts[0]
                if target.is_multiple or part.unit is not None or part.value is None or not 0 < part.value <= 1:
                    continue
                siblings_percent = self._row_in_percent(table, row, key)
                if part.value == 1 and not siblings_percent:
                    continue  # a bare 1 is 1% unless the row's other targets are percentages
                if indicator_kind(indicator_of(table, row, key)) != "percent" and not siblings_percent:
                    continue
                yield self.finding([cell_location(table, row, key)], table.spec.key, written=target.text,
                                   expected=f"{number_text(part.value * 100, 2)}%", kolom=column_label(table, key),
                                   target=target.text.strip(), indikator=shorten(indicator_of(table, row, key), 70),
                                   persen=number_text(part.value * 100, 2))


    @staticmethod
    def _row_in_percent(table: Table, row: Row, key: str) -> bool:
        others = [row.value(k) for k in table.columns if k != key and table.spec.column(k).role == Role.TARGET]
        return any(isinstance(v, Target) and v.kind == "percent" and (v.value or 0) > 1 for v in others)


@register
class TargetWithoutNumber(Rule):
    """A target gives a unit but no number ("paket", "m2", "dokumen").

    **Salah**: Pemeliharaan Peralatan dan Mesin Lainnya, target "paket".

    **Benar**: "9 paket".
    """

    code = "RXL403"
    name = "target.no_number"
    family = "satuan"
    severity = Severity.ERROR
    message = "Target {kolom} untuk {baris} hanya berisi satuan '{target}' tanpa angka."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row, key, target in target_cells(table):
                if not target.has_number:
                    yield self.finding([cell_location(table, row, key)], table.spec.key, written=target.text,
                                       kolom=column_label(table, key), baris=row_label(table, row), target=target.text.strip())


@register
class SeveralValues(Rule):
    """One target cell holds several values ("23% 4.300 Pencaker", "31 orang, 2 jenis").

    **Salah**: target "23% 4.300 Pencaker" untuk "Jumlah pencari kerja yang difasilitasi layanan antar kerja".

    **Benar**: satu nilai per indikator ("4.300 Pencaker"); indikator lain di baris sendiri.
    """

    code = "RXL404"
    name = "target.several_values"
    family = "satuan"
    severity = Severity.WARNING
    message = "Target {kolom} untuk {baris} berisi {n} nilai sekaligus ('{target}'); satu indikator, satu target."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row, key, target in target_cells(table):
                if target.is_multiple:
                    yield self.finding([cell_location(table, row, key)], table.spec.key, written=target.text,
                                       kolom=column_label(table, key), baris=row_label(table, row), n=len(target.parts),
                                       target=target.text.strip())


@register
class UnitChangesBetweenYears(Rule):
    """The same indicator's unit changes from one year to the next ("2 Jenis" in year n, "1 Dok" in n+1).

    **Salah**: Penyusunan Rencana Tenaga Kerja, target tahun n "2 Jenis", prakiraan maju n+1 "1 Dok".

    **Benar**: satuan yang sama di setiap tahun ("2 Dok", "1 Dok").
    """

    code = "RXL405"
    name = "target.unit_between_years"
    family = "satuan"
    severity = Severity.WARNING
    message = "Satuan target {baris} berubah: {kolom_a} '{a}', {kolom_b} '{b}'."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for first, second in _PAIRS_OF_YEARS:
                if first not in table.columns or second not in table.columns:
                    continue
                for row in table.data_rows:
                    x, y = row.value(first), row.value(second)
                    if not (isinstance(x, Target) and isinstance(y, Target) and x.parts and y.parts):
                        continue
                    ux, uy = x.parts[0].unit, y.parts[0].unit
                    if ux and uy and ux != uy:
                        yield self.finding([cell_location(table, row, second), cell_location(table, row, first)],
                                           table.spec.key, written=y.text, expected=x.text, baris=row_label(table, row),
                                           kolom_a=column_label(table, first), a=x.text.strip(),
                                           kolom_b=column_label(table, second), b=y.text.strip())


_WORDS = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")


def _plain(text: str) -> str:
    """Lower case, single spaces: enough to tell two texts are the same."""
    return " ".join(text.lower().split())


def _word_set(text: str) -> frozenset:
    return frozenset(_WORDS.findall(text.lower()))


def _unit_words(target: Target, units) -> Optional[frozenset]:
    """The words the target's unit may be written with (as typed, and every spelling of its canonical unit);
    None for a percentage or a bare number, whose unit no indicator names."""
    if target.kind in ("percent", "none"):
        return None
    words: set = set()
    for part in target.parts:
        if part.unit_text:
            words.update(w for w in _word_set(part.unit_text) if len(w) >= 3)
            if part.kind != "unknown" and part.unit:
                words.update(units.spellings(part.unit))
    return frozenset(words) or None


@register
class ShiftedTargets(Rule):
    """Targets look shifted by up to three rows: each fits the indicator of a neighbouring row, not its own.

    **Salah**: "Jumlah Pencari Kerja yang Mendapatkan Pelatihan Kerja" dengan target "20 Perusahaan",
    sementara "Jumlah perusahaan kecil yang mendapatkan konsultasi" tiga baris di bawahnya (dan baris
    di atasnya bergeser sama: "30 LPK" untuk indikator persentase sertifikat).

    **Benar**: setiap target di baris indikatornya sendiri.
    """

    code = "RXL406"
    name = "target.shifted"
    family = "satuan"
    severity = Severity.ERROR
    message = "Target {kolom} '{target}' di {baris} lebih cocok untuk indikator {arah} ('{indikator}'): target tampak bergeser."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            if "indikator" not in table.columns:
                continue
            rows = table.data_rows
            indicators = [r.text("indikator") for r in rows]
            # a row's indicator words are needed again by the three rows either side, and by the rows repeating
            # its text: kept per text for the last few hundred texts, not for the whole table (10,000 word sets
            # are 10 MB)
            word_set = lru_cache(maxsize=256)(_word_set)
            unit_words: dict = {}   # id(target) -> its unit's words: a text's targets are one object (parsed once)
            keys = [c.key for c in table.spec.columns if c.role == Role.TARGET and c.key in table.columns]
            fits_of: dict[str, dict[int, set]] = {key: {} for key in keys}
            for i, row in enumerate(rows):
                for key in keys:
                    target = row.value(key)
                    if not isinstance(target, Target):
                        continue
                    if id(target) not in unit_words:
                        unit_words[id(target)] = (_unit_words(target, ctx.units), target)   # kept alive: ids unique
                    unit = unit_words[id(target)][0]
                    # True when the target's unit word stands in the indicator, False when it clearly does not
                    if unit is None or unit & word_set(indicators[i]):
                        continue
                    fits_of[key][i] = {k for k in SHIFTS if 0 <= i + k < len(rows)
                                       and unit & word_set(indicators[i + k])}
            for key, fits in fits_of.items():
                for i, ks in fits.items():
                    # a shift is believed when an adjacent row is shifted the same way
                    shared = ks & (fits.get(i - 1, set()) | fits.get(i + 1, set()))
                    if not shared:
                        continue
                    k = min(shared, key=lambda v: (abs(v), -v))
                    row, other = rows[i], rows[i + k]
                    where = "di bawahnya" if k == 1 else "di atasnya" if k == -1 else f"{abs(k)} baris {'di bawahnya' if k > 0 else 'di atasnya'}"
                    yield self.finding([cell_location(table, row, key), cell_location(table, other, "indikator")],
                                       table.spec.key, written=row.text(key), kolom=column_label(table, key),
                                       target=row.text(key).strip(), baris=row_label(table, row), arah=where,
                                       indikator=shorten(indicators[i + k], 60))


@register
class CopiedIndicator(Rule):
    """An indicator repeats the one of the row above although the program or kegiatan differs.

    **Salah**: 01.019 Penyediaan Jasa Administrasi Teknis Perkantoran dengan indikator
    "Jumlah koordinasi dan konsultasi ke dalam daerah dan luar daerah" (indikator 01.018).

    **Benar**: setiap kegiatan dengan indikator keluarannya sendiri.
    """

    code = "RXL407"
    name = "indicator.copied"
    family = "satuan"
    severity = Severity.WARNING
    message = "Indikator {baris} sama persis dengan indikator baris di atasnya ({atas}): '{indikator}'."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            if "indikator" not in table.columns or "uraian" not in table.columns:
                continue
            previous: Optional[Row] = None
            previous_name = previous_text = ""   # the previous named row's name and indicator, plain
            for row in table.data_rows:
                name, text = _plain(row.text("uraian")), _plain(row.text("indikator"))
                if previous is not None and text and name and previous_text == text and previous_name not in ("", name):
                    yield self.finding([cell_location(table, row, "indikator"), cell_location(table, previous, "indikator")],
                                       table.spec.key, written=row.text("indikator"), baris=row_label(table, row),
                                       atas=row_label(table, previous), indikator=shorten(row.text("indikator"), 70))
                if name:
                    previous, previous_name, previous_text = row, name, text


@register
class AmbiguousNumber(Rule):
    """A number could be read two ways (4.300 = 4300 or 4,3) and nothing in its column or workbook decides.

    **Salah**: "4.300" di tabel yang tidak memakai notasi lain apa pun.

    **Benar**: "4300" (tanpa pemisah) atau notasi yang jelas ("4.300.000", "4,3").
    """

    code = "RXL408"
    name = "number.ambiguous"
    family = "satuan"
    severity = Severity.WARNING
    message = "Angka '{teks}' di {kolom} ({baris}) bisa dibaca dua cara (ribuan atau desimal); dibaca {nilai}."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            for row in table.rows:
                for key, cell in row.noted():
                    if "ambiguous" in cell.notes:
                        value = cell.value.value if isinstance(cell.value, Target) else cell.value
                        yield self.finding([Location(table.sheet, cell.address)], table.spec.key, written=cell.text,
                                           teks=cell.text.strip(), kolom=column_label(table, key),
                                           baris=row_label(table, row), nilai=number_text(value))


@register
class NumberAsText(Rule):
    """A number that a computed column needs is typed as text, so the Excel formula cannot use it.

    **Salah**: target Renstra "15 jenis" atau "2,589" sebagai teks di kolom yang dipakai rumus tingkat capaian.

    **Benar**: angka sebagai angka (15; satuannya di indikator), agar rumus Excel ikut menghitung.
    """

    code = "RXL409"
    name = "number.as_text"
    family = "satuan"
    severity = Severity.INFO
    message = "{kolom} untuk {baris} ditulis sebagai teks ('{teks}'); rumus Excel tidak dapat menghitungnya."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.tables:
            sheet = ctx.snapshot.sheet(table.sheet)
            inputs = set()
            for col in table.spec.columns:
                if col.computed is not None:
                    inputs.update(v for v in vars(col.computed).values() if isinstance(v, str) and v in table.columns)
                    inputs.update(k for k in getattr(col.computed, "keys", ()) if k in table.columns)
            inputs -= {c.key for c in table.spec.columns if c.computed is not None or c.role in (Role.TEXT, Role.CHOICE, Role.INDIKATOR)}
            inputs = sorted(inputs)
            for row in table.data_rows:
                for key in inputs:
                    raw = sheet.value(row.number, table.columns[key])
                    if isinstance(raw, str) and raw.strip() and _DIGIT.search(raw) and ctx.number(row, key) is not None:
                        yield self.finding([cell_location(table, row, key)], table.spec.key, written=raw,
                                           kolom=column_label(table, key), baris=row_label(table, row), teks=raw.strip())
