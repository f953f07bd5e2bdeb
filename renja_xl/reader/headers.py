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
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Optional, Sequence

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


def similarity(label: str, expected: str) -> float:
    """How well a normalised grid label matches a normalised expected header (0..1)."""
    if label == expected:
        return 1.0
    if not label or not expected:
        return 0.0
    short, long_ = sorted((label, expected), key=len)
    if len(short) >= 3 and (f" {short} " in f" {long_} "):
        return 0.6 + 0.35 * len(short) / len(long_)
    matcher = SequenceMatcher(None, label, expected, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


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


def column_labels(sheet: SheetSnapshot, top: int, height: int, left: int, right: int) -> list[ColumnLabel]:
    """Labels of columns ``left..right`` for the header block ``top..top+height-1``.

    An empty cell in an upper row inherits the text to its left when it sits over a
    labelled cell and so does that text's own column: that is how a merged group
    header (``Target dan Realisasi … Tahun Lalu``) reads in a grid.
    """
    grid = [[normalise(sheet.value(top + i, c)) for c in range(left, right + 1)] for i in range(height)]
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
    return [ColumnLabel(left + j, tuple(grid[i][j] for i in range(height) if grid[i][j])) for j in range(width)]


@lru_cache(maxsize=None)
def _variants(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(render_years(t, None)) for t in texts))


def header_variants(col: ColumnSpec) -> tuple[str, ...]:
    return _variants((col.header, *col.aliases))


def group_variants(col: ColumnSpec) -> tuple[str, ...]:
    return _variants(((col.group or ""), *col.group_aliases)) if col.group else ()


def column_score(col: ColumnSpec, label: ColumnLabel) -> float:
    """How well a grid column's label matches a spec column (0 when it does not)."""
    headers = header_variants(col)
    if not label.path:
        return 0.6 if "" in headers else 0.0
    groups = group_variants(col)
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
    cols = spec.columns
    m, n = len(cols), len(labels)
    scores = [[column_score(c, lab) for lab in labels] for c in cols]
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


def match_block(spec: TableSpec, sheet: SheetSnapshot, top: int, height: int, left: int, right: int) -> Optional[BlockMatch]:
    """The spec matched to the block at ``top`` (or None when its required columns are not all there)."""
    labels = column_labels(sheet, top, height, left, right)
    columns, score = align(spec, labels)
    if len(columns) < spec.min_columns:
        return None
    if any(c.required and c.key not in columns for c in spec.columns):
        return None
    return BlockMatch(spec, top, height, columns, score)


@lru_cache(maxsize=None)
def known_phrases(specs: tuple[TableSpec, ...]) -> dict:
    """Every normalised header, alias and group text -> the specs that use it."""
    phrases: dict = {}
    for spec in specs:
        for col in spec.columns:
            for text in header_variants(col) + group_variants(col):
                if text:
                    phrases.setdefault(text, set()).add(spec.key)
    return phrases


def phrase_hits(sheet: SheetSnapshot, row: int, phrases: dict) -> tuple[int, set]:
    """How many cells of a row are known header texts, and the specs they point to."""
    hits, keys = 0, set()
    for value in sheet.row_values(row):
        if isinstance(value, str):
            found = phrases.get(normalise(value))
            if found:
                hits += 1
                keys |= found
    return hits, keys
