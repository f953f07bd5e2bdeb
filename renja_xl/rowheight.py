"""How tall a row must be to show its wrapped text in full: a word-by-word estimate from column widths.

Neither Excel (for rows a program wrote) nor LibreOffice grows a row to fit its wrapped
text when the file is opened: a row without a height shows one line and the rest is
hidden behind the next row. Every sheet renja-xl draws or adds (templates, examples,
Hasil Validasi, Perbaikan, Perubahan) therefore states the height of its rows with
wrapped text. The estimate errs towards one line too many: a column width counts the
characters of the digit ``0`` in Calibri 11, and LibreOffice, without Calibri, draws
with the wider DejaVu Sans.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

LINE_POINTS = 15.0          # one line of an 11-point font, with the row's padding (Excel's default row height)
MAX_POINTS = 409.0          # the tallest row Excel allows
CHARS_PER_WIDTH = 1.1       # characters of ordinary text per unit of column width (about 1.2 in Calibri and in
                            # DejaVu Sans, LibreOffice's stand-in for it; a little less, for words that do not fit)
BOLD_FACTOR = 0.88          # bold text is wider


@lru_cache(maxsize=64)
def _wrapper(capacity: int) -> "re.Pattern":
    # one line: as much as fits ending before a space (or the text's end), else a word cut where the cell ends
    return re.compile(r"(?:.{1,%d}(?=\s|$)|\S{1,%d}) *" % (capacity, capacity))


def line_capacity(width: float, bold: bool = False, size: float = 11.0) -> int:
    """The characters one line of a column ``width`` wide holds: a text no longer, without a line break, takes one."""
    return max(int(width * CHARS_PER_WIDTH * (11.0 / size) * (BOLD_FACTOR if bold else 1.0)), 1)


def lines_needed(text: object, width: float, bold: bool = False, size: float = 11.0) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` characters wide (words kept whole)."""
    if text is None:
        return 1
    text = str(text)
    capacity = line_capacity(width, bold, size)
    if len(text) <= capacity and "\n" not in text:
        return 1
    wrap = _wrapper(capacity)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(len(wrap.findall(paragraph)), 1)
        if lines * LINE_POINTS >= MAX_POINTS:
            break
    return max(lines, 1)


def points(lines: int, size: float = 11.0) -> float:
    """The height (points) of a row of ``lines`` lines of a ``size``-point font, within Excel's largest."""
    per_line = LINE_POINTS * max(size, 11.0) / 11.0
    return float(min(MAX_POINTS, math.ceil(lines * per_line)))


def row_points(cells: list, size: float = 11.0) -> float | None:
    """The height a row needs for its wrapped cells ``[(text, width, bold)]``; None when one line is enough."""
    lines = max((lines_needed(text, width, bold, size) for text, width, bold in cells), default=1)
    return points(lines, size) if lines > 1 else None
