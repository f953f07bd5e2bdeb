"""Finding official header blocks in a grid, whatever their start cell and spelling.

Header text is compared after :func:`normalise`: case, spacing, line breaks,
punctuation and years are ignored (``Tahun 2021`` and ``Tahun {n-1}`` compare equal,
``J U M L A H`` equals ``JUMLAH``). A header may span up to three rows, with group
headers (``Rencana Tahun 2022``) above the column headers they span. Spec columns
are aligned to grid columns in order by dynamic programming, so extra columns in a
real workbook (``No``, ``Formulasi``) are passed over and typos in a header
(``Rcalisasi``) still match.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Callable, Optional, Sequence

from ..snapshot import SheetSnapshot
from ..specs.base import ColumnSpec, TableSpec, render_years

MATCH_THRESHOLD = 0.72
MAX_HEADER_ROWS = 3

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SYMBOLIC_YEAR = re.compile(r"(?<![\w])n(?:\s*[-+]\s*\d)?(?![\w])")
_NON_WORD = re.compile(r"[^\w%#]+")
_LETTER_SPACED = re.compile(r"\b(?:\w ){2,}\w\b")


@lru_cache(maxsize=65536)
def _normalise_text(text: str) -> str:
    s = text.lower().replace("\u00a0", " ")
    s = _YEAR.sub(" # ", s)
    s = _SYMBOLIC_YEAR.sub(" # ", s)
    s = _NON_WORD.sub(" ", s)
    s = " ".join(s.split())
    s = _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), s)
    return s


def normalise(value: Any) -> str:
    """Comparable header text: ``'Kebutuhan Dana/\\nPagu  Indikatif'`` -> ``'kebutuhan dana pagu indikatif'``."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _normalise_text(str(value))


@lru_cache(maxsize=65536)
def similarity(label: str, expected: str) -> float:
    """How well a normalised grid label matches a normalised expected header (0..1)."""
    if label == expected:
        return 1.0
    if not label or not expected:
        return 0.0
    short, long_ = sorted((label, expected), key=len)
    if len(short) >= 3 and (f" {short} " in f" {long_} "):
        return 0.6 + 0.35 * len(short) / len(long_)
    words_a, words_b = label.split(), expected.split()
    if len(words_a) >= 3 and len(words_b) >= 3:
        # long headers: word by word (a typo costs one word; far cheaper than character by character)
        total_words = len(words_a) + len(words_b)
        if 2 * min(len(words_a), len(words_b)) / total_words < MATCH_THRESHOLD:
            return 0.0
        if 2 * _shared(_words(label), _words(expected)) / total_words < MATCH_THRESHOLD:
            return 0.0
        return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    # short labels: character by character, after difflib's cheap upper bounds
    total = len(label) + len(expected)
    if 2 * len(short) / total < MATCH_THRESHOLD:
        return 0.0
    shared = _shared(_letters(label), _letters(expected))
    if 2 * shared / total < MATCH_THRESHOLD:
        return 0.0
    return SequenceMatcher(None, label, expected, autojunk=False).ratio()


def _shared(a: Counter, b: Counter) -> int:
    """Size of the multiset intersection (``sum((a & b).values())`` without building a Counter)."""
    get = b.get
    return sum(min(n, get(k, 0)) for k, n in a.items())


@lru_cache(maxsize=65536)
def _letters(text: str) -> Counter:
    return Counter(text)


@lru_cache(maxsize=65536)
def _words(text: str) -> Counter:
    return Counter(text.split())


@dataclass(frozen=True)
class ColumnLabel:
    """The header text of one grid column inside a header block."""

    col: int            # sheet column (1-based)
    path: tuple[str, ...]  # normalised texts from top to bottom, empty ones left out

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def group(self) -> str:
        return " ".join(self.path[:-1])

    @property
    def full(self) -> str:
        return " ".join(self.path)


def header_grid(sheet: SheetSnapshot, top: int, height: int, left: int, right: int,
                text: Callable[[Any], str] = normalise) -> list[list[str]]:
    """The texts of a header block, row by row, each upper row's merged headers filled forward.

    An empty cell in an upper row inherits the text to its left when it sits over a
    labelled cell and so does that text's own column: that is how a merged group
    header (``Target dan Realisasi … Tahun Lalu``) reads in a grid. ``text`` turns a
    cell value into its text (normalised by default).
    """
    grid = [[text(sheet.value(top + i, c)) for c in range(left, right + 1)] for i in range(height)]
    width = right - left + 1
    for i in range(height - 1):
        below = [any(grid[k][j] for k in range(i + 1, height)) for j in range(width)]
        source = None
        for j in range(width):
            if grid[i][j]:
                source = j if below[j] else None
            elif source is not None and below[j]:
                grid[i][j] = grid[i][source]
            else:
                source = None
    return grid


def column_labels(sheet: SheetSnapshot, top: int, height: int, left: int, right: int) -> list[ColumnLabel]:
    """Labels of columns ``left..right`` for the header block ``top..top+height-1`` (see :func:`header_grid`)."""
    grid = header_grid(sheet, top, height, left, right)
    return [ColumnLabel(left + j, tuple(grid[i][j] for i in range(height) if grid[i][j]))
            for j in range(right - left + 1)]


@lru_cache(maxsize=None)
def _variants(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(render_years(t, None)) for t in texts))


def header_variants(col: ColumnSpec) -> tuple[str, ...]:
    """Normalised header texts a grid column may show for this spec column."""
    variants = col.__dict__.get("_header_variants")
    if variants is None:
        variants = _variants((col.header, *col.aliases))
        object.__setattr__(col, "_header_variants", variants)  # memo on the frozen spec, hashed never
    return variants


def group_variants(col: ColumnSpec) -> tuple[str, ...]:
    """Normalised group texts (the merged header above) for this spec column, () without a group."""
    variants = col.__dict__.get("_group_variants")
    if variants is None:
        variants = _variants(((col.group or ""), *col.group_aliases)) if col.group else ()
        object.__setattr__(col, "_group_variants", variants)
    return variants


def column_score(col: ColumnSpec, label: ColumnLabel) -> float:
    """How well a grid column's label matches a spec column (0 when it does not)."""
    # keyed by the column's texts, not the column: hashing a frozen ColumnSpec walks all its fields
    return _path_score(header_variants(col), group_variants(col), label.path)


@lru_cache(maxsize=65536)
def _path_score(headers: tuple, groups: tuple, path: tuple) -> float:
    label = ColumnLabel(0, path)
    if not label.path:
        return 0.6 if "" in headers else 0.0
    best = 0.0
    if groups:
        if label.group:
            g = max(similarity(label.group, v) for v in groups)
            h = max(similarity(label.leaf, v) for v in headers)
            if g >= MATCH_THRESHOLD and h >= MATCH_THRESHOLD:
                best = (g + h) / 2
        combined = [f"{g} {h}".strip() for g in groups for h in headers if h]
        best = max(best, 0.95 * max(similarity(label.full, v) for v in combined))
        # a flat header with only the leaf text (no group row) still counts, a little less
        if not label.group:
            best = max(best, 0.85 * max(similarity(label.leaf, v) for v in headers))
    else:
        best = max(max(similarity(label.full, v) for v in headers), max(similarity(label.leaf, v) for v in headers))
    return best if best >= MATCH_THRESHOLD else 0.0


@dataclass(frozen=True)
class BlockMatch:
    """A spec matched to a header block: which grid column holds each spec column."""

    spec: TableSpec
    top: int
    height: int
    columns: dict            # spec column key -> sheet column
    score: float

    @property
    def bottom(self) -> int:
        return self.top + self.height - 1

    @property
    def matched(self) -> int:
        return len(self.columns)


def align(spec: TableSpec, labels: Sequence[ColumnLabel]) -> tuple[dict, float]:
    """Best order-preserving assignment of spec columns to grid columns (max total score)."""
    return _align(spec, labels, [[column_score(c, lab) for lab in labels] for c in spec.columns])


def _align(spec: TableSpec, labels: Sequence[ColumnLabel], scores: list) -> tuple[dict, float]:
    cols = spec.columns
    m, n = len(cols), len(labels)
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        row, prev = best[i], best[i - 1]
        for j in range(1, n + 1):
            s = scores[i - 1][j - 1]
            row[j] = max(prev[j], row[j - 1], prev[j - 1] + s if s else 0.0)
    assignment: dict = {}
    i, j = m, n
    while i > 0 and j > 0:
        s = scores[i - 1][j - 1]
        if s and abs(best[i][j] - (best[i - 1][j - 1] + s)) < 1e-9:
            assignment[cols[i - 1].key] = labels[j - 1].col
            i, j = i - 1, j - 1
        elif abs(best[i][j] - best[i - 1][j]) < 1e-9:
            i -= 1
        else:
            j -= 1
    return assignment, best[m][n]


def match_block(spec: TableSpec, sheet: SheetSnapshot, top: int, height: int, left: int, right: int,
                labels: Optional[list] = None) -> Optional[BlockMatch]:
    """The spec matched to the block at ``top`` (or None when its required columns are not all there)."""
    labels = labels if labels is not None else column_labels(sheet, top, height, left, right)
    scores = []
    for col in spec.columns:
        row = [column_score(col, lab) for lab in labels]
        if col.required and not any(row):
            return None  # most candidate blocks fail here, before the rest of the columns are scored
        scores.append(row)
    columns, score = _align(spec, labels, scores)
    if len(columns) < spec.min_columns:
        return None
    if any(c.required and c.key not in columns for c in spec.columns):
        return None
    return BlockMatch(spec, top, height, columns, score)


@lru_cache(maxsize=None)
def spec_phrases(spec: TableSpec) -> frozenset:
    """Every normalised header, alias and group text of one spec."""
    return frozenset(t for col in spec.columns for t in header_variants(col) + group_variants(col) if t)


@lru_cache(maxsize=None)
def known_phrases(specs: tuple[TableSpec, ...]) -> dict:
    """Every normalised header, alias and group text -> the specs that use it."""
    phrases: dict = {}
    for spec in specs:
        for text in spec_phrases(spec):
            phrases.setdefault(text, set()).add(spec.key)
    return phrases


def _word_key(word: str) -> str:
    word = word.lower()
    if word == "n" or (len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")):
        return "#"
    return word


_TWO_WORDS = re.compile(r"[\W_]*([^\W_]+)(?:[\W_]+([^\W_]+))?")


@lru_cache(maxsize=65536)
def _prefix(text: str) -> tuple:
    """The first two words of a text, lower case, years as '#': a cheap key for "could this be a header"."""
    m = _TWO_WORDS.match(text)
    if m is None:
        return ()
    first, second = m.group(1), m.group(2)
    return (_word_key(first),) if second is None else (_word_key(first), _word_key(second))


def could_be_header(text: str, prefixes: frozenset) -> bool:
    """False when no known header begins with this text's first words (so no need to normalise it)."""
    key = _prefix(text)
    return key[:1] in prefixes or key in prefixes


def header_prefixes(phrases: dict) -> frozenset:
    """The one- and two-word beginnings of the known headers (cached per phrase table)."""
    cached = _PREFIXES.get(id(phrases))
    if cached is None:
        keys = set()
        for phrase in phrases:
            words = phrase.split()
            keys.add(tuple(words[:2]) if len(words) > 1 else tuple(words))
        cached = _PREFIXES[id(phrases)] = frozenset(keys)
    return cached


_PREFIXES: dict = {}


def phrase_hits(sheet: SheetSnapshot, row: int, phrases: dict, substantive: bool = False) -> tuple[int, Counter]:
    """How many cells of a row are known header texts, and how many of them each spec uses.

    With ``substantive`` only texts of three letters or more count: "1", "No", "%" stand in
    column-number rows and data rows as well, and make no table a candidate.
    """
    hits, keys = 0, None   # the Counter made at the first hit: most rows of a sheet are data, with none
    prefixes = header_prefixes(phrases)
    for value in sheet.row_values(row):
        if isinstance(value, str):
            if not could_be_header(value, prefixes):
                continue  # cheap: no known header begins with these words
        elif substantive or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue  # a number is never a substantive header text
        text = normalise(value)
        found = phrases.get(text)
        if found and (not substantive or sum(ch.isalpha() for ch in text) >= 3):
            hits += 1
            keys = keys if keys is not None else Counter()
            keys.update(found)
    return hits, keys if keys is not None else Counter()
