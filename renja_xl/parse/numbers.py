"""Numbers as Indonesian planning documents write them.

Two notations meet in the same workbook:

* Indonesian (``id``): dot groups thousands, comma marks decimals: ``949.973.000``,
  ``61,91%``;
* English (``en``): comma groups thousands, dot marks decimals: ``949,973,000``,
  ``84.59%``.

Most texts say which notation they use (``1.234.567``, ``61,91``, ``84.59``). A text
such as ``4.300`` or ``2,589`` does not: it is *ambiguous* and is resolved with a
notation learnt from the other cells of its column (see :func:`notation_of`), or
reported as ambiguous when that is not possible.

Everything here is pure and total: no function raises on any string.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

ID = "id"
EN = "en"

# "no value" markers seen in the documents: dashes of every width, and empty text.
_NO_VALUE = {"", "-", "–", "—", "--", "n/a", "na", "nihil"}
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(?:%|persen|prosen)\s*$", re.IGNORECASE)
_CORE = re.compile(r"^[+-]?\d[\d.,]*$")
_THREE = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class ParsedNumber:
    """The reading of one numeric text.

    ``value`` is None for an explicit "no value" (``-``, empty). ``percent`` tells that
    the text carried a ``%`` sign (the value is then the number shown, 61.91 for
    ``61,91%``). ``ambiguous`` is True when the notation could not be decided and the
    value is the thousands reading. ``notation`` is what the text itself proves.
    """

    text: str
    value: Optional[float]
    percent: bool = False
    ambiguous: bool = False
    notation: Optional[str] = None


def _strip_trailing_dot(core: str) -> str:
    # "16." and "25." are numbered-list habits, not decimals.
    return core[:-1] if core.endswith(".") and core.count(".") == 1 else core


def _groups_ok(groups: list[str]) -> bool:
    """Thousands groups: a 1-3 digit head followed by exact 3-digit groups."""
    return 1 <= len(groups[0]) <= 3 and all(_THREE.match(g) for g in groups[1:])


def _read_core(core: str, notation: Optional[str]) -> tuple[Optional[float], bool, Optional[str]]:
    """Return (value, ambiguous, proven notation) for digits with separators, or None value if invalid."""
    sign = -1.0 if core.startswith("-") else 1.0
    core = core.lstrip("+-")
    dots, commas = core.count("."), core.count(",")
    if dots == 0 and commas == 0:
        return sign * float(core), False, None
    if dots and commas:
        decimal = "." if core.rfind(".") > core.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        head, _, tail = core.rpartition(decimal)
        if tail == "" or thousands in tail or decimal in head or not _groups_ok(head.split(thousands)):
            return None, False, None
        return sign * float(head.replace(thousands, "") + "." + tail), False, (EN if decimal == "." else ID)
    sep = "." if dots else ","
    parts = core.split(sep)
    if any(p == "" for p in parts):
        return None, False, None
    if len(parts) > 2:
        if not _groups_ok(parts):
            return None, False, None
        return sign * float("".join(parts)), False, (ID if sep == "." else EN)
    head, tail = parts
    # Decimal for sure: not three digits after the mark, or a zero head ("0.032").
    if len(tail) != 3 or head.strip("0") == "" or len(head) > 3:
        return sign * float(head + "." + tail), False, (EN if sep == "." else ID)
    thousands_reading = sign * float(head + tail)
    decimal_reading = sign * float(head + "." + tail)
    if notation is None:
        return thousands_reading, True, None
    sep_is_thousands = (sep == "." and notation == ID) or (sep == "," and notation == EN)
    return (thousands_reading if sep_is_thousands else decimal_reading), False, None


def parse_number(raw: Any, notation: Optional[str] = None) -> Optional[ParsedNumber]:
    """Read a cell as a number; None when it is not a number at all.

    ``raw`` may be an int/float (taken as is) or text in either notation, with an
    optional ``Rp`` prefix and ``%`` suffix. ``notation`` (``"id"``/``"en"``) settles
    ambiguous texts like ``4.300``.

    >>> parse_number("949.973.000").value
    949973000.0
    >>> parse_number("61,91%").value, parse_number("61,91%").percent
    (61.91, True)
    >>> parse_number("4.300").ambiguous, parse_number("4.300", "en").value
    (True, 4.3)
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return None
        return ParsedNumber(text=str(raw), value=float(raw))
    if not isinstance(raw, str):
        return None
    text = raw
    s = " ".join(raw.split()).strip()
    if s.lower() in _NO_VALUE:
        return ParsedNumber(text=text, value=None)
    s = _CURRENCY.sub("", s)
    percent = False
    m = _PERCENT.search(s)
    if m:
        percent = True
        s = s[: m.start()].strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s.lower() in _NO_VALUE:
        return ParsedNumber(text=text, value=None, percent=percent) if (percent or s == "-") else None
    s = _strip_trailing_dot(s)
    if not _CORE.match(s):
        return None
    value, ambiguous, proven = _read_core(s, notation)
    if value is None:
        return None
    if negative:
        value = -value
    return ParsedNumber(text=text, value=value, percent=percent, ambiguous=ambiguous, notation=proven)


def notation_of(texts: Iterable[Any]) -> Optional[str]:
    """The notation most texts prove (``"id"``, ``"en"``) or None when nothing is proven or votes tie.

    Only texts are evidence: a number Excel already stores as a number says nothing.
    """
    id_votes = en_votes = 0
    for raw in texts:
        if isinstance(raw, str):
            i, e = _votes(raw)
            id_votes, en_votes = id_votes + i, en_votes + e
    if id_votes == en_votes:
        return None
    return ID if id_votes > en_votes else EN


_GROUPED = re.compile(r"\d[\d.,]*\d")


@lru_cache(maxsize=32768)
def _votes(text: str) -> tuple[int, int]:
    """(Indonesian, English) notation votes of one text."""
    id_votes = en_votes = 0
    if "." in text or "," in text:
        for token in _GROUPED.findall(text):
            parsed = parse_number(token)
            if parsed is not None and parsed.notation == ID:
                id_votes += 1
            elif parsed is not None and parsed.notation == EN:
                en_votes += 1
    return id_votes, en_votes


def format_number(value: float, notation: str = ID, decimals: int = 0) -> str:
    """Write a number in a notation (the inverse of :func:`parse_number`).

    >>> format_number(1090093400, "id")
    '1.090.093.400'
    >>> format_number(61.91, "id", 2)
    '61,91'
    """
    text = f"{abs(value):,.{decimals}f}"  # English grouping first
    if notation == ID:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("-" if value < 0 and round(abs(value), decimals) != 0 else "") + text
