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

Cells often carry more than the number: a currency (``Rp 1.000.000,-``, where ``,-``
says "no cents"), a percent sign or word (``84,59 persen``) and, in LKjIP tables, the
predikat of a capaian (``63,36 % (Sedang)``, ``63.36% - Sedang``; see
:func:`split_label`).

Everything here is pure and total: no function raises on any string, and every
function takes time linear in its input (no regular expression here can backtrack
more than a bounded amount, and nothing slices the rest of a text in a loop).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

ID = "id"
EN = "en"

# "no value" markers seen in the documents: dashes of every width, empty text, and words.
_NO_VALUE = {"", "-", "–", "—", "--", "n/a", "na", "nihil", "tidak ada"}
_NO_VALUE_LONGEST = max(map(len, _NO_VALUE))
_CURRENCY = re.compile(r"(?:rp\.?|idr)\s*", re.IGNORECASE)  # used with .match: a prefix only
_PERCENT_WORDS = ("persen", "prosen")  # and "%"
_CORE = re.compile(r"[+-]?\d[\d.,]*")  # used with .fullmatch
_PLAIN = re.compile(r"[+-]?\d(?:[\d.,]*\d)?")  # used with .fullmatch: a core that needs no cleaning
_THREE = re.compile(r"\d{3}")  # used with .fullmatch
# "1.000.000,-" / "1,000,000.-" (also ",--"): the mark before the dash is the decimal mark, and no cents follow
_NO_CENTS = re.compile(r"([.,])[-–—]{1,2}")  # used with .search(s, len(s) - 3): the end only
_DASHES = "-–—"
_WHITESPACE = re.compile(r"\s+")  # \s is exactly what str.split() splits on
# a predikat: 1 to 4 words of letters, spaces around them allowed
_LABEL = re.compile(r"\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,3})\s*")  # used with .fullmatch


@dataclass(frozen=True)
class ParsedNumber:
    """The reading of one numeric text.

    ``value`` is None for an explicit "no value" (``-``, ``n/a``, ``nihil``, ``tidak
    ada``, empty). ``percent`` tells that the text carried a ``%`` sign or the word
    ``persen`` (the value is then the number shown, 61.91 for ``61,91%``). ``ambiguous``
    is True when the notation could not be decided and the value is the thousands
    reading. ``notation`` is what the text itself proves. ``label`` is the annotation
    written after the number, as written (``"Sedang"`` for ``63,36 % (Sedang)``), None
    when there is none (see :func:`split_label`).
    """

    text: str
    value: Optional[float]
    percent: bool = False
    ambiguous: bool = False
    notation: Optional[str] = None
    label: Optional[str] = None


def split_label(text: str) -> tuple[str, Optional[str]]:
    """Split a trailing annotation off a text: ``(rest, label)``, or ``(text, None)`` when there is none.

    The annotation is what LKjIP tables write after a capaian, its predikat: one to four
    words of letters and spaces, in parentheses at the very end or after a dash
    (``-``, ``–``, ``—``). Something must stand before it. ``rest`` and ``label`` are
    stripped; the label keeps its spelling. Anything else is no annotation.

    >>> split_label("63,36 % (Sedang)")
    ('63,36 %', 'Sedang')
    >>> split_label("100 % ( Tinggi )")
    ('100 %', 'Tinggi')
    >>> split_label("63.36% - Sangat Baik")
    ('63.36%', 'Sangat Baik')
    >>> split_label("1.000.000,-"), split_label("(Sedang)"), split_label("12 (2 orang)")
    (('1.000.000,-', None), ('(Sedang)', None), ('12 (2 orang)', None))
    """
    if not isinstance(text, str):
        return text, None
    end = text[-64:].rstrip()   # the last character that is not white space, read without copying a long text
    last = end[-1:] if end else text.rstrip()[-1:]
    if last != ")" and not last.isalpha():
        return text, None
    body = text.rstrip()
    if last == ")":
        start = body.rfind("(")
        tail = _LABEL.fullmatch(body, start + 1, len(body) - 1) if start >= 0 else None
    else:  # a label after a dash ends with a letter
        start = max(body.rfind("-"), body.rfind("–"), body.rfind("—"))
        tail = _LABEL.fullmatch(body, start + 1) if start >= 0 else None
    if tail is None:
        return text, None
    rest = body[:start].strip()
    if not rest:
        return text, None
    return rest, tail.group(1)


def single_spaced(text: str) -> str:
    """``text`` with every run of white space as one space and none at either end.

    The same as ``" ".join(text.split())``, without building a list of every word of a
    long text (which costs more than linear time on a real machine's memory).

    >>> single_spaced("  63,36 %   (Sedang) ")
    '63,36 % (Sedang)'

    A text with nothing to fold is returned as it is (the same object): a printable text
    holds no white space but the plain space (tabs, line breaks and the other spaces are
    not printable), so one without a double space and without one at either end is such a text.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    if len(text) <= 256:
        return " ".join(text.split())
    return _WHITESPACE.sub(" ", text).strip()


def _strip_trailing_dot(core: str) -> str:
    # "16." and "25." are numbered-list habits, not decimals.
    return core[:-1] if core.endswith(".") and core.count(".") == 1 else core


def _groups_ok(groups: list[str]) -> bool:
    """Thousands groups: a 1-3 digit head followed by exact 3-digit groups."""
    return 1 <= len(groups[0]) <= 3 and all(_THREE.fullmatch(g) for g in groups[1:])


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
    optional ``Rp``/``Rp.``/``IDR`` prefix, a ``,-`` or ``.-`` suffix ("no cents": the
    mark before the dash is the decimal mark), a ``%``/``persen`` suffix and a trailing
    predikat (``63,36 % (Sedang)``, kept in ``label``). ``notation`` (``"id"``/``"en"``)
    settles ambiguous texts like ``4.300``. ``-``, ``n/a``, ``nihil``, ``tidak ada`` and
    empty text are an explicit "no value" (``value`` None). A number too large for a
    float is no number.

    >>> parse_number("949.973.000").value
    949973000.0
    >>> parse_number("61,91%").value, parse_number("61,91%").percent
    (61.91, True)
    >>> parse_number("4.300").ambiguous, parse_number("4.300", "en").value
    (True, 4.3)
    >>> parse_number("Rp 1.000.000,-").value, parse_number("Rp1.500.000").value
    (1000000.0, 1500000.0)
    >>> parsed = parse_number("63,36 % (Sedang)")
    >>> parsed.value, parsed.percent, parsed.label
    (63.36, True, 'Sedang')
    >>> parse_number("tidak ada").value is None, parse_number("63,36 % (Sedang 2)")
    (True, None)
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
    if _PLAIN.fullmatch(raw):  # the common case, digits and marks only: "4.300", "949,973,000"
        return _reading(text, raw, notation, False, False)
    s = single_spaced(raw)
    if len(s) <= _NO_VALUE_LONGEST and s.lower() in _NO_VALUE:
        return ParsedNumber(text=text, value=None)
    s, label = split_label(s)
    parsed = _parse_plain(text, s, notation)
    if label is None or parsed is None:
        return parsed
    if parsed.value is None:
        return None  # a predikat annotates a number: "- (Sedang)" is no reading
    return ParsedNumber(text=text, value=parsed.value, percent=parsed.percent, ambiguous=parsed.ambiguous,
                        notation=parsed.notation, label=label)


def _parse_plain(text: str, s: str, notation: Optional[str]) -> Optional[ParsedNumber]:
    """:func:`parse_number` of a normalised text ``s`` without annotation."""
    if s[:1] in "rRiI":
        currency = _CURRENCY.match(s)
        if currency:
            s = s[currency.end():]
    percent = False
    if s.endswith("%"):
        percent, s = True, s[:-1].rstrip()
    elif s[-6:].lower() in _PERCENT_WORDS:
        percent, s = True, s[:-6].rstrip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if len(s) <= _NO_VALUE_LONGEST and s.lower() in _NO_VALUE:
        return ParsedNumber(text=text, value=None, percent=percent) if (percent or s == "-") else None
    no_cents = _NO_CENTS.search(s, max(len(s) - 3, 0)) if s[-1:] in _DASHES else None
    suffix_notation = None
    if no_cents and no_cents.end() == len(s):
        suffix_notation = ID if no_cents.group(1) == "," else EN
        decimal_mark = no_cents.group(1)
        s = s[: no_cents.start()]
        if decimal_mark in s:
            return None  # "1.000,50,-": cents and "no cents" at once
    else:
        s = _strip_trailing_dot(s)
    if not _CORE.fullmatch(s):
        return None
    if suffix_notation is None:
        return _reading(text, s, notation, percent, negative)
    value, ambiguous, proven = _read_core(s, suffix_notation)
    if value is None or not math.isfinite(value) or proven not in (None, suffix_notation):
        return None  # "1.5,-": a decimal dot where the comma is the decimal mark
    return ParsedNumber(text=text, value=-value if negative else value, percent=percent, notation=suffix_notation)


def _reading(text: str, core: str, notation: Optional[str], percent: bool, negative: bool) -> Optional[ParsedNumber]:
    """The ParsedNumber of digits with separators (``core``), or None when they are no number."""
    value, ambiguous, proven = _read_core(core, notation)
    if value is None or not math.isfinite(value):
        return None
    return ParsedNumber(text=text, value=-value if negative else value, percent=percent, ambiguous=ambiguous,
                        notation=proven)


def notation_of(texts: Iterable[Any]) -> Optional[str]:
    """The notation most texts prove (``"id"``, ``"en"``) or None when nothing is proven or votes tie.

    Only texts are evidence: a number Excel already stores as a number says nothing.
    """
    return notation_of_votes(notation_votes(texts))


def notation_votes(texts: Iterable[Any]) -> tuple[int, int]:
    """(Indonesian, English) votes of the texts among ``texts``: votes of several lists add up, so the notation
    of their union is :func:`notation_of_votes` of the sums, without voting over the texts again."""
    id_votes = en_votes = 0
    for raw in texts:
        if isinstance(raw, str):
            i, e = _votes(raw)
            id_votes, en_votes = id_votes + i, en_votes + e
    return id_votes, en_votes


def notation_of_votes(votes: tuple[int, int]) -> Optional[str]:
    """The notation a count of (Indonesian, English) votes proves, None on a tie."""
    id_votes, en_votes = votes
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
