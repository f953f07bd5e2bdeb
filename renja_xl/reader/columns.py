"""Reading a header block column by column: what each column holds, for when, under which group.

Each grid column of a header block gets a :class:`ColumnReading`: its header texts
(the group headers above, then its own), the :class:`~renja_xl.reader.vocabulary.Concept`
they name, and the :class:`~renja_xl.reader.qualifiers.Period` they name. A leaf that
names only a period (``Januari``, ``2022``, ``TW I``) takes its concept from the
group above (``Realisasi``); a group that speaks of money (``Anggaran``,
``Keuangan``) turns ``Target``/``Realisasi``/``%`` below it into pagu, realisasi
anggaran and % anggaran.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..snapshot import SheetSnapshot
from .headers import header_grid, normalise
from .qualifiers import Period, read_period
from .vocabulary import Concept, ConceptVocabulary

MONEY_WORDS = frozenset(("anggaran", "keuangan", "dana", "rp", "rupiah", "pagu", "belanja", "apbd", "dpa", "alokasi",
                         "biaya"))
NAME_CONCEPTS = frozenset(("uraian", "indikator", "sasaran", "tujuan", "kode"))
NUMERIC_CONCEPTS = frozenset(("target", "realisasi", "capaian", "pagu", "realisasi_anggaran", "persen_anggaran",
                              "sisa", "jumlah", "bobot"))
MONEY_CONCEPTS = frozenset(("pagu", "realisasi_anggaran", "sisa"))


def raw_text(value: Any) -> str:
    """A header cell as text, spacing folded (years kept, unlike :func:`~renja_xl.reader.headers.normalise`)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


@dataclass(frozen=True)
class ColumnReading:
    """What one grid column of a header block holds."""

    col: int
    texts: tuple[str, ...]          # header texts from the top group down to the column's own
    concept: Optional[Concept]
    period: Period
    score: float = 0.0
    money: bool = False             # a group or the header speaks of money
    sums_parts: bool = False        # a Jumlah/Total under a group whose other columns are months or triwulan

    @property
    def leaf(self) -> str:
        return self.texts[-1] if self.texts else ""

    @property
    def group(self) -> str:
        return " / ".join(self.texts[:-1])

    @property
    def labelled(self) -> bool:
        return bool(self.texts)


def _money(texts: tuple[str, ...]) -> bool:
    return any(MONEY_WORDS.intersection(normalise(t).split()) for t in texts)


def read_column(col: int, texts: tuple[str, ...], vocabulary: ConceptVocabulary) -> ColumnReading:
    """The reading of one column from its header texts (top group first)."""
    if not texts:
        return ColumnReading(col, texts, None, Period())
    period = Period()
    group_concept = None
    for text in texts[:-1]:
        outer, rest = read_period(text)
        period = outer.merged(period)
        match = vocabulary.lookup(rest) if rest else None
        if match is not None:
            group_concept = match
    leaf_period, leaf_rest = read_period(texts[-1])
    period = leaf_period.merged(period).with_part(" ".join(texts[:-1]), texts[-1])
    if period.is_split and (leaf_rest.strip().lower() in ("i", "ii", "iii", "iv") or leaf_rest.strip().isdigit()):
        leaf_rest = ""   # the leaf was only the part's number
    leaf_match = vocabulary.lookup(leaf_rest) if leaf_rest else None
    money_group = _money(texts[:-1])
    sums = period.to_date
    if leaf_match is not None and group_concept is not None and leaf_match.concept.name == "jumlah":
        match, sums = group_concept, True       # Realisasi: Januari … Desember, Jumlah
    elif leaf_match is not None:
        match = leaf_match
    else:
        match = group_concept
    if match is None:
        return ColumnReading(col, texts, None, period, 0.0, money_group)
    concept = match.concept
    if money_group and not match.money and concept.name in ("realisasi", "capaian", "target"):
        concept = vocabulary.as_money(concept) if concept.name != "capaian" else vocabulary.concept("persen_anggaran")
    money = money_group or match.money or concept.name in MONEY_CONCEPTS
    return ColumnReading(col, texts, concept, period, match.score, money, sums)


def read_block(sheet: SheetSnapshot, top: int, height: int, left: int, right: int,
               vocabulary: ConceptVocabulary) -> list[ColumnReading]:
    """Every column of the header block ``top..top+height-1``, ``left..right``."""
    grid = header_grid(sheet, top, height, left, right, raw_text)
    out = []
    for j in range(right - left + 1):
        texts = tuple(dict.fromkeys(grid[i][j] for i in range(height) if grid[i][j]))
        out.append(read_column(left + j, texts, vocabulary))
    return out


def _names_and_numbers(readings: list[ColumnReading]) -> tuple[int, int]:
    names = sum(1 for r in readings if r.concept is not None and r.concept.name in NAME_CONCEPTS)
    numbers = sum(1 for r in readings if r.concept is not None and r.concept.name in NUMERIC_CONCEPTS)
    return names, numbers


def understood(readings: list[ColumnReading]) -> bool:
    """Enough to read as a table: a name or indikator column and two numeric columns."""
    names, numbers = _names_and_numbers(readings)
    return names > 0 and numbers >= 2


def lacking(readings: list[ColumnReading]) -> str:
    """What a block's header lacks to be read as a table, for a message ('' when nothing)."""
    names, numbers = _names_and_numbers(readings)
    missing = []
    if not names:
        missing.append("kolom nama program/kegiatan atau indikator")
    if numbers < 2:
        missing.append("dua kolom angka yang dikenali (target, realisasi, capaian, pagu, anggaran …)")
    return " dan ".join(missing)
