"""Any table is a table: a header block read by concepts becomes a table spec of its own.

The official layouts (``renja.t3_4`` …) are presets: found first, named in messages,
drawn as templates. Every other block whose header names a name or indikator column
and two numeric columns (target, realisasi, capaian, pagu, anggaran …) is read here:
its columns get keys from their concepts (``target``, ``realisasi_2022``,
``realisasi_anggaran_tw3``, ``pagu_n1``) and the relations between them become the
same formula descriptors the presets use, so compute, ``fill`` and every rule work on
it unchanged:

* capaian = realisasi / target (with a Polaritas column when there is one),
* % anggaran = realisasi anggaran / anggaran (APBD-P when both murni and perubahan are there),
* sisa = anggaran − realisasi anggaran,
* predikat from capaian (when the column holds predikat labels),
* Jumlah of months or triwulan = their sum (the latest value for a percentage indicator),
* pagu, anggaran and realisasi anggaran roll up by whatever hierarchy the rows have.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable, Optional

from ..snapshot import SheetSnapshot, a1, col_letter
from ..specs.base import (LKJIP_LABELS, PREDIKAT_LABELS, Capaian, ColumnSpec, CumulativeOrLatest, Difference,
                          Predikat, Ratio, Role, Rollup, Sum, TableSpec)
from .columns import MONEY_CONCEPTS, ColumnReading, read_block, understood
from .headers import MAX_HEADER_ROWS, normalise
from .qualifiers import Period
from .vocabulary import ConceptVocabulary

GENERIC_DOCUMENT = "umum"
LEVEL_WORDS = {"urusan": 0, "bidang": 1, "bidang urusan": 1, "program": 2, "kegiatan": 3, "sub kegiatan": 4,
               "subkegiatan": 4, "sub": 4}
_KODE_TEXT = re.compile(r"^[\dXx]{1,4}(?:[.\s][\dXx]{1,4})*\.?$")
_MAX_HEADER_TEXT = 160


def _main_year(readings: list[ColumnReading]) -> str:
    """The year the table is mostly about: the commonest year tag of its numeric columns."""
    tags = Counter(r.period.year_tag for r in readings
                   if r.concept is not None and r.concept.role in (Role.TARGET, Role.PERCENT, Role.PAGU, Role.NUMBER)
                   and r.period.year_tag and not r.period.renstra)
    if not tags:
        return ""
    top = max(tags.values())
    return min((t for t, n in tags.items() if n == top), key=_year_order)


def _year_order(tag: str) -> float:
    if tag.isdigit():
        return float(tag)
    if tag == "n":
        return 0.0
    return float(tag[1:]) if tag.startswith("n") and tag[1:].isdigit() else -float(tag[2:] or 0)


def _next_year(tag: str, main: str) -> bool:
    if main.isdigit() and tag.isdigit():
        return int(tag) == int(main) + 1
    return tag == "n1" and main in ("", "n")


def _suffix(period: Period, main: str) -> str:
    year = period.year_tag
    if year == main or not year:
        year = ""
    elif _next_year(year, main):
        year = "n1"
    return "_".join(b for b in (year, period.part_tag) if b)


def assign_keys(readings: list[ColumnReading]) -> dict[int, str]:
    """Sheet column -> column key: the concept's name, with its period when the concept repeats."""
    main = _main_year(readings)
    by_concept: dict[str, list[ColumnReading]] = {}
    for r in readings:
        if r.concept is not None:
            by_concept.setdefault(r.concept.name, []).append(r)
    keys: dict[int, str] = {}
    for name, group in by_concept.items():
        for r in group:
            suffix = _suffix(r.period, main) if len(group) > 1 else ""
            key = f"{name}_{suffix}" if suffix else name
            if key in keys.values():
                key = f"{key}_{col_letter(r.col).lower()}"
            keys[r.col] = key
    for r in readings:
        if r.concept is None and r.labelled:
            keys[r.col] = f"kolom_{col_letter(r.col).lower()}"
    return keys


class _Relations:
    """Finds the columns a computed column is made of."""

    def __init__(self, readings: list[ColumnReading], keys: dict[int, str]):
        self.readings = [r for r in readings if r.concept is not None]
        self.keys = keys

    def of(self, name: str) -> list[ColumnReading]:
        return [r for r in self.readings if r.concept.name == name]

    def find(self, name: str, period: Period, prefer_apbd: Optional[str] = None) -> Optional[str]:
        """The key of the ``name`` column for ``period``: same period, else same year, else the only one."""
        candidates = self.of(name)
        for pick in (
            lambda r: r.period.tag == period.tag,
            lambda r: period.renstra and r.period.renstra,
            lambda r: r.period.year_tag == period.year_tag and not r.period.is_split and not r.period.renstra
            and (prefer_apbd is None or r.period.apbd in (None, prefer_apbd)),
            lambda r: not r.period.is_split and not r.period.renstra,
        ):
            found = [r for r in candidates if pick(r)]
            if prefer_apbd and len(found) > 1:
                found = [r for r in found if r.period.apbd == prefer_apbd] or found
            if len(found) == 1:
                return self.keys[found[0].col]
        return None

    def parts(self, total: ColumnReading) -> tuple[str, ...]:
        """The month or triwulan columns a Jumlah column adds up: same concept, same year, left of it."""
        name = total.concept.name
        found = [r for r in self.readings if r.col < total.col and r.period.is_split
                 and r.period.year_tag == total.period.year_tag
                 and (r.concept.name == name or name == "jumlah")]
        if name == "jumlah" and found:
            last = found[-1].concept.name
            found = [r for r in found if r.concept.name == last]
        return tuple(self.keys[r.col] for r in found)


def _predikat_labels(values: list) -> Optional[tuple[str, ...]]:
    """The predikat scale a column's values use, None when they are no predikat labels."""
    texts = [" ".join(str(v).split()).lower() for v in values if isinstance(v, str) and v.strip()]
    if not texts:
        return None
    for labels in (PREDIKAT_LABELS, LKJIP_LABELS):
        known = {label.lower() for label in labels}
        if sum(t in known for t in texts) * 2 >= len(texts):
            return labels
    return None


def _formula(r: ColumnReading, rel: _Relations, key: str, values: Callable[[int], list], has_indikator: bool,
             hierarchy: bool):
    """(computed formula, how a total row gets it) for one column, (None, None) for an input column."""
    name = r.concept.name
    if r.sums_parts or name == "jumlah":
        parts = rel.parts(r)
        if len(parts) >= 2:
            money = r.money or name in MONEY_CONCEPTS
            if has_indikator and not money:
                return CumulativeOrLatest(parts), None
            return Sum(parts), "sum"
        if name == "jumlah":
            return None, None
    if name == "capaian":
        realisasi, target = rel.find("realisasi", r.period), rel.find("target", r.period)
        if realisasi and target:
            polaritas = "polaritas" if rel.of("polaritas") else None
            return Capaian(realisasi, target, polaritas), "average"
        pagu = rel.find("pagu", r.period, prefer_apbd="perubahan")
        if realisasi and pagu:
            return Ratio(realisasi, pagu), "formula"   # Anggaran | Realisasi (months, Jumlah) | %
        name = "persen_anggaran"   # a bare "%" beside Anggaran and Realisasi (Rp)
    if name == "persen_anggaran":
        amount = rel.find("realisasi_anggaran", r.period)
        pagu = rel.find("pagu", r.period, prefer_apbd="perubahan")
        return (Ratio(amount, pagu), "formula") if amount and pagu else (None, None)
    if name == "sisa":
        pagu = rel.find("pagu", r.period, prefer_apbd="perubahan")
        amount = rel.find("realisasi_anggaran", r.period)
        return (Difference(pagu, amount), "sum") if pagu and amount else (None, None)
    if name == "predikat":
        labels = _predikat_labels(values(r.col))
        capaian = rel.find("capaian", r.period) or rel.find("persen_anggaran", r.period)
        if labels and capaian:
            return Predikat(capaian, None if labels == PREDIKAT_LABELS else labels), None
        return None, None
    if name in MONEY_CONCEPTS:
        return Rollup(key), ("rollup" if hierarchy else "sum")
    return None, None


def _kode_parts(readings: list[ColumnReading], values: Callable[[int], list], vocabulary: ConceptVocabulary
                ) -> list[ColumnReading]:
    """Columns headed Urusan | Bidang | Program | Kegiatan | Sub Kegiatan that hold kode segments become kode columns."""
    out = []
    kode = vocabulary.concept("kode")
    for r in readings:
        leaf = normalise(r.leaf)
        under_kode = any("kode" in normalise(t).split() for t in r.texts[:-1])
        if leaf in LEVEL_WORDS and r.concept is not None and r.concept.name in ("uraian", "kode"):
            cells = [v for v in values(r.col) if v is not None and str(v).strip()]
            digits = [v for v in cells if isinstance(v, (int, float)) or _KODE_TEXT.match(str(v).strip())]
            if under_kode or (cells and len(digits) * 10 >= len(cells) * 8):
                r = ColumnReading(r.col, r.texts, kode, r.period, r.score, False, False)
        out.append(r)
    return out


def generic_spec(sheet: SheetSnapshot, top: int, readings: list[ColumnReading], values: Callable[[int], list],
                 vocabulary: ConceptVocabulary) -> Optional[tuple[TableSpec, dict]]:
    """The spec of a block read by concepts and its columns (key -> sheet column); None when not understood."""
    readings = _kode_parts(readings, values, vocabulary)
    if not understood(readings):
        return None
    keys = assign_keys(readings)
    kode_cols = [r.col for r in readings if r.concept is not None and r.concept.name == "kode"]
    kode_parts: tuple = ()
    if len(kode_cols) > 1:
        # segment columns: the first is "kode", the rest kode_2, kode_3 …; the reader joins them into one kode
        keys[kode_cols[0]] = "kode"
        for i, c in enumerate(kode_cols[1:], start=2):
            keys[c] = f"kode_{i}"
        kode_parts = tuple(keys[c] for c in kode_cols)
    rel = _Relations(readings, keys)
    has_indikator = bool(rel.of("indikator"))
    outline = [r.col for r in readings if r.concept is not None and r.concept.name == "no"]
    hierarchy = bool(kode_cols) or any("." in (outline_of(v) or "") for c in outline for v in values(c))
    columns = []
    for r in readings:
        if r.col not in keys:
            continue
        key = keys[r.col]
        if r.concept is None:
            columns.append(ColumnSpec(key, r.leaf, Role.TEXT, group=r.group or None, required=False, in_template=False))
            continue
        role = Role.TEXT if key in kode_parts else r.concept.role
        formula, total = _formula(r, rel, key, values, has_indikator, hierarchy)
        if isinstance(formula, Sum) and r.money:
            role = Role.PAGU
        elif r.concept.name == "jumlah" and formula is not None:
            role = Role.TARGET
        columns.append(ColumnSpec(key, r.leaf, role, group=r.group or None, required=False, in_template=False,
                                  computed=formula, total=total))
    caption = _caption(sheet, top)
    where = f"{sheet.name}!{a1(top, min(keys))}"
    spec = TableSpec(
        key=f"{GENERIC_DOCUMENT}:{where}", document=GENERIC_DOCUMENT, number="",
        title=caption, sheet=_short(caption) or f"tabel di {where}", columns=tuple(columns),
        regulation="", number_row=False, min_columns=2, kode_parts=kode_parts,
        description="Dibaca per kolom dari judulnya (bukan tata letak resmi).",
    )
    return spec, {key: col for col, key in sorted(keys.items())}


_OUTLINE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,5}\.?$")


def is_outline(value) -> bool:
    """A list number of a numbered outline: ``1``, ``1.2``, ``1.2.3.`` (text, or a number like 1.2)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, float):
        value = repr(value)
    return bool(_OUTLINE.match(str(value).strip()))


def outline_of(value) -> Optional[str]:
    """The outline number of a No cell (``1.2``), None when it is none."""
    if not is_outline(value):
        return None
    text = repr(value) if isinstance(value, float) else str(value)
    text = text.strip().rstrip(".")
    return text[:-2] if text.endswith(".0") and text.count(".") == 1 else text


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _caption(sheet: SheetSnapshot, top: int) -> str:
    """The title written just above a table (``Tabel 3.1 Capaian Kinerja …``), '' when there is none."""
    for row in range(top - 1, max(sheet.top, top - 4) - 1, -1):
        texts = [v for v in sheet.row_values(row) if isinstance(v, str) and v.strip()]
        if len(texts) == 1 and len(texts[0]) <= 200:
            return " ".join(texts[0].split())
        if texts:
            return ""
    return ""


def header_candidate(sheet: SheetSnapshot, row: int, vocabulary: ConceptVocabulary) -> bool:
    """This row names a concept in a cell, and it or the row below names another."""
    if _data_like(sheet.row_values(row)):
        return False   # a row of figures is no header: the common case, decided without reading any text
    counts = []
    for r in (row, row + 1):
        counts.append(sum(1 for value in sheet.row_values(r) if isinstance(value, str)
                          and 0 < len(value) <= _MAX_HEADER_TEXT and _names_concept(value, vocabulary)))
        if counts[0] == 0:
            return False
        if sum(counts) >= 2:
            return True
    return False


_LONG_NUMBER = re.compile(r"\d{3}")


def _names_concept(text: str, vocabulary: ConceptVocabulary) -> bool:
    from .qualifiers import read_period

    if len(text.split()) > 14:
        return False   # prose, a name or an indicator: headers are short
    period, rest = read_period(text)
    if _LONG_NUMBER.search(rest):
        return False   # "Jalan Mawar 123", "NIP 1987…": a header names no such number (years are taken out)
    return vocabulary.lookup(rest) is not None if rest else (period.tag != "")


def best_block(sheet: SheetSnapshot, top: int, vocabulary: ConceptVocabulary, values_below: Callable,
               limit: Optional[int] = None) -> Optional[tuple[int, tuple[TableSpec, dict]]]:
    """The header height (1–3 rows, never past row ``limit``) that reads best at ``top`` with its spec and
    columns; None when none is understood."""
    best = None
    for height in range(1, MAX_HEADER_ROWS + 1):
        if top + height - 1 > min(sheet.bottom, limit or sheet.bottom):
            break
        if height > 1 and _data_like(sheet.row_values(top + height - 1)):
            break
        readings = read_block(sheet, top, height, sheet.left, sheet.right, vocabulary)
        readings = _trim(readings)
        if not readings:
            continue
        found = generic_spec(sheet, top, readings, values_below(top + height), vocabulary)
        if found is None:
            continue
        score = sum(1 for r in readings if r.concept is not None)
        if best is None or score > best[0]:
            best = (score, height, found)
    return None if best is None else best[1:]


def _data_like(values: Iterable) -> bool:
    """A row of figures (amounts, percentages), not of header words: the header ends above it."""
    numbers = sum(1 for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)
                  and not (float(v).is_integer() and (0 < v < 100 or 1990 <= v <= 2100)))
    return numbers >= 2   # column numbers (1, 2, 3 …) and years (2021, 2022) stand in headers too


def _trim(readings: list[ColumnReading]) -> list[ColumnReading]:
    """The run of labelled columns around the concepts: two unlabelled columns end a table's width."""
    named = [i for i, r in enumerate(readings) if r.concept is not None]
    if not named:
        return []
    start, end = named[0], named[0]
    gap = 0
    for i in range(named[0], len(readings)):
        if readings[i].labelled:
            end, gap = i, 0
        else:
            gap += 1
            if gap >= 2:
                break
    while start > 0 and readings[start - 1].labelled:
        start -= 1
    return readings[start:end + 1]


_SEGMENT_WIDTHS = (1, 2, 2, None, 4)   # urusan, bidang, program, kegiatan (k.kk), sub kegiatan


def _segment(value, width: Optional[int]) -> str:
    if isinstance(value, float):
        text = repr(value)
        text = text[:-2] if text.endswith(".0") else text
        if width is None and "." in text:          # kegiatan 2.1 typed as a number is 2.10
            head, tail = text.split(".", 1)
            return f"{head}.{tail.ljust(2, '0')}"
    else:
        text = str(value).strip().strip(".")
    if width is None:
        head, _, tail = text.partition(".")
        return f"{head}.{tail.zfill(2)}" if tail else text
    return text.zfill(width) if text.isdigit() else text


def join_kode(parts: list) -> str:
    """One kode from the segment columns of a row (``2 | 07 | 01 | 2.01 | 0001`` -> ``2.07.01.2.01.0001``).

    A column that repeats the ones before it (``2 | 2.07 | 2.07.01``) is taken whole;
    a segment typed as a number gets back its leading zeros.
    """
    texts = []
    for i, value in enumerate(parts):
        if value is None or (isinstance(value, str) and not value.strip()) or isinstance(value, bool):
            continue
        width = _SEGMENT_WIDTHS[i] if len(parts) == len(_SEGMENT_WIDTHS) else 0
        texts.append(_segment(value, width) if width != 0 else str(value).strip())
    if not texts:
        return ""
    for i in range(len(texts) - 1, 0, -1):
        if texts[i].startswith(texts[i - 1] + "."):
            return texts[i]          # cumulative columns: the last one is the whole kode
    return ".".join(texts)
