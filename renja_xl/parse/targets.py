"""Target cells: value plus unit, as staff type them.

``23%``, ``4.300 Pencaker``, ``30 stel``, ``1 Dok`` hold one value and a unit, and so
do ``orang 640`` and ``Rp 1.000.000,-`` (the unit before its number) and
``63,36 % (Sedang)`` (a capaian with its predikat, kept as the part's ``label``);
``m2`` and ``paket`` a unit with no number; ``31 orang, 2 jenis`` and
``23% 4.300 Pencaker`` several values in one cell. The original text is kept
beside the parse, nothing here raises on any input, and the time taken is linear
in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Optional

from .numbers import parse_number, single_spaced
from .units import UnitVocabulary, default_units

# The cell is read left to right, every pattern matched at a position (``match(s, pos)``,
# ``search(s, pos)``) and every character consumed once: the time is linear in the text.
#
# A part is a number (``_NUMBER``), an optional ``%``/``persen`` (``_PERCENT``) and an
# optional unit that starts with a letter and runs up to the first ``_STOP``: the end, a
# separator, `` dan <number>`` or a space before the next number. A unit written before
# its number (``orang 640``, ``Rp 1.000.000``) is read as that number's unit.
_NUMBER = re.compile(r"[-+]?\d(?:[\d.,]*\d)?(?:[.,][-–—]{1,2}(?![\d]))?")  # a digit run; ",-" = no cents
_LAST_COMMA_CUT = re.compile(r".*\d(?=,)", re.DOTALL)  # the longest head of a number followed by a comma
_PERCENT = re.compile(r"\s*(?:%|persen\b)", re.IGNORECASE)
_PERCENT_MARKS = ("%", "persen", "prosen")  # what parse_number reads as a percent sign
_UNIT_START = re.compile(r"\s*(?=[^\W\d_])")
_STOP = re.compile(r"\s*(?:$|[,;&+])|\s+(?:dan|and)\s+(?=\d)|\s+(?=[-+]?\d)", re.IGNORECASE)
_AND_NUMBER = re.compile(r"\s+(?:dan|and)\s+(?=\d)", re.IGNORECASE)  # "5 dan 6": "dan" is no unit
_CHUNK_END = re.compile(r"\s(?=[-+]?\d)|[,;&+]")
_SEPARATORS = re.compile(r"\s*(?:[,;&+]|dan\b|and\b)?\s*", re.IGNORECASE)
_CURRENCY_PREFIX = re.compile(r"(rp\.?|idr)(?=\s|\d)", re.IGNORECASE)


@dataclass(frozen=True)
class TargetPart:
    """One value of a target cell; ``value`` None for a unit with no number."""

    value: Optional[float]
    unit: Optional[str]  # canonical unit, None when the text gives none
    unit_text: Optional[str]  # the unit as written
    kind: str  # unit kind (see renja_xl.parse.units.KINDS), "none" when no unit
    ambiguous: bool = False
    label: Optional[str] = None  # a predikat written after the value ("Sedang" in "63,36 % (Sedang)")


@dataclass(frozen=True)
class Target:
    """A parsed target cell. ``parts`` is empty for an empty cell or ``-``."""

    text: str
    parts: tuple[TargetPart, ...]
    leftover: str = ""  # text that could not be read as value/unit

    @property
    def value(self) -> Optional[float]:
        """The first value (the usual single-value case)."""
        return self.parts[0].value if self.parts else None

    @property
    def unit(self) -> Optional[str]:
        return self.parts[0].unit if self.parts else None

    @property
    def kind(self) -> str:
        return self.parts[0].kind if self.parts else "none"

    @property
    def is_multiple(self) -> bool:
        return len(self.parts) > 1

    @cached_property
    def has_number(self) -> bool:
        """Whether a part gives a number (not a bare unit: ``paket``). Kept once asked: a target is one object for
        every cell that writes its text, and rules ask it of each."""
        return any(p.value is not None for p in self.parts)

    @property
    def is_empty(self) -> bool:
        return not self.parts and not self.leftover


def _unit_part(value, unit_text: Optional[str], percent: bool, ambiguous: bool, units: UnitVocabulary,
               label: Optional[str] = None) -> TargetPart:
    if percent:
        return TargetPart(value, "%", "%", "percent", ambiguous, label)
    if unit_text:
        unit = units.resolve(unit_text)
        return TargetPart(value, unit.name, unit_text, unit.kind, ambiguous, label)
    return TargetPart(value, None, None, "none", ambiguous, label)


def _settles_thousands(unit_text: Optional[str], units: UnitVocabulary) -> bool:
    """A unit with no fractions (a count, a document, rupiah): ``4.300`` of it is 4300."""
    if not unit_text:
        return False
    return units.resolve(unit_text).kind in ("count", "document", "currency")


def _read_part(s: str, pos: int) -> Optional[tuple[int, bool, Optional[str], int]]:
    """The part starting at ``pos``: (number end, percent, unit text, part end), or None.

    Reads what the regular expression the parser used to run read, without its
    backtracking: when the whole digit run cannot end a part, only its longest head
    followed by a comma can (``1,5(`` reads ``1``, then ``,``), and that head is found
    in one pass.
    """
    number = _NUMBER.match(s, pos)
    if number is None:
        return None
    read = _finish_part(s, number.end())
    if read is not None:
        return (number.end(), *read)
    cut = _LAST_COMMA_CUT.match(s, pos, number.end())
    if cut is None:
        return None
    return cut.end(), False, None, cut.end()


def _finish_part(s: str, at: int) -> Optional[tuple[bool, Optional[str], int]]:
    """After a number ending at ``at``: (percent, unit text, part end), or None when no part ends here."""
    percent = _PERCENT.match(s, at)
    if percent:
        read = _unit_or_stop(s, percent.end())
        if read is not None:
            return True, read[0], read[1]
    read = _unit_or_stop(s, at)  # "5 persen(x)": "persen(x)" is then the unit
    return None if read is None else (False, read[0], read[1])


def _unit_or_stop(s: str, at: int) -> Optional[tuple[Optional[str], int]]:
    """A unit starting at ``at`` (a letter, up to the first stop) or a stop right at ``at``: (unit, end)."""
    if _AND_NUMBER.match(s, at):
        return None, at
    unit = _UNIT_START.match(s, at)
    if unit:
        start = unit.end()
        stop = _STOP.search(s, start + 1)  # at least one character, up to the first stop
        end = stop.start() if stop else len(s)
        return s[start:end].strip() or None, end
    if _STOP.match(s, at) is None:
        return None
    return None, at


def parse_target(raw: Any, notation: Optional[str] = None, units: Optional[UnitVocabulary] = None) -> Target:
    """Read a target cell into its parts.

    ``notation`` settles ambiguous numbers; a count unit settles ``4.300 Pencaker``
    by itself (4.3 people is not a reading). A unit may stand before its number
    (``orang 640``, ``Rp 1.000.000,-``: one value each), and a predikat after a
    capaian (``63,36 % (Sedang)``) is kept as the part's ``label``, not read as a
    second value. The time taken is linear in the length of the text.

    >>> parse_target("23% 4.300 Pencaker").parts[1].value
    4300.0
    >>> parse_target("paket").parts[0].unit
    'paket'
    >>> [(p.value, p.unit) for p in parse_target("orang 640").parts]
    [(640.0, 'orang')]
    """
    units = units or default_units()
    if raw is None or isinstance(raw, bool):
        return Target(text="" if raw is None else str(raw), parts=())
    if isinstance(raw, (int, float)):
        parsed = parse_number(raw)
        if parsed is None or parsed.value is None:
            return Target(text=str(raw), parts=())
        return Target(text=str(raw), parts=(TargetPart(parsed.value, None, None, "none"),))
    text = str(raw)
    s = single_spaced(text)
    whole = parse_number(s, notation)
    if whole is not None:
        if whole.value is None:
            return Target(text=text, parts=())
        return Target(text=text, parts=(_whole_part(s, whole, notation, units),))
    parts: list[TargetPart] = []
    leftover: list[str] = []
    pos = 0
    n = len(s)
    while pos < n:
        pos = _SEPARATORS.match(s, pos).end()
        if pos >= n:
            break
        read = _read_part(s, pos)
        if read is not None:
            number_end, percent, unit_text, end = read
            part = _number_part(s[pos:number_end], unit_text, percent, notation, units)
            if part is None:
                leftover.append(s[pos:end].strip())
            else:
                parts.append(part)
            pos = max(end, pos + 1)
            continue
        # no part here: a bare unit (``m2``, ``paket``), a unit before its number, or words up to the
        # next number; digits that end no part are passed over whole, never re-read from inside
        number = _NUMBER.match(s, pos)
        nxt = _CHUNK_END.search(s, number.end() if number else pos)
        chunk_end = nxt.start() if nxt else n
        chunk = s[pos:chunk_end].strip()
        unit = units.lookup(chunk) if chunk and number is None else None
        if unit is not None and chunk_end < n and s[chunk_end] == " ":
            after = _read_part(s, chunk_end + 1)
            if after is not None and not after[1] and after[2] is None:  # "orang 640": a number with no unit
                percent = chunk.lower() in _PERCENT_MARKS  # "% 23", "persen 23" as "23 %", "23 persen"
                part = _number_part(s[chunk_end + 1 : after[0]], chunk, percent, notation, units)
                if part is not None:
                    parts.append(part)
                    pos = max(after[3], chunk_end + 1)
                    continue
        if chunk:
            if unit is not None and not parts:
                parts.append(TargetPart(None, unit.name, chunk, unit.kind))
            else:
                leftover.append(chunk)
        pos = max(chunk_end, pos + 1)
    return Target(text=text, parts=tuple(parts), leftover=" ".join(leftover))


def _number_part(number_text: str, unit_text: Optional[str], percent: bool, notation: Optional[str],
                 units: UnitVocabulary) -> Optional[TargetPart]:
    """The part of one number with its unit, or None when the digits are no number (``1.2.3``)."""
    number = parse_number(number_text)
    if number is None or number.value is None:
        return None
    value, ambiguous = number.value, number.ambiguous
    if ambiguous and _settles_thousands(unit_text, units) and not percent:
        ambiguous = False  # 4.300 Pencaker: a count has no fraction, so the thousands reading
    elif ambiguous and notation:
        value, ambiguous = parse_number(number_text, notation).value, False
    return _unit_part(value, unit_text, percent, ambiguous, units)


def _whole_part(s: str, whole, notation: Optional[str], units: UnitVocabulary) -> TargetPart:
    """The one part of a cell :func:`parse_number` reads whole (``23%``, ``Rp 1.000.000,-``, ``63,36 % (Sedang)``)."""
    unit_text = None
    currency = _CURRENCY_PREFIX.match(s)
    if currency:
        unit_text = currency.group(1)
    elif whole.label and not whole.percent and units.lookup(whole.label) is not None:
        unit_text = whole.label  # "12 (orang)": the annotation is the unit
    value, ambiguous = whole.value, whole.ambiguous
    if _settles_thousands(unit_text, units) and (ambiguous or notation):
        plain = parse_number(s)  # "Rp 4.300": no one writes 4,3 rupiah, so the thousands reading
        if plain is not None and plain.ambiguous:
            value, ambiguous = plain.value, False
    label = None if unit_text == whole.label else whole.label
    return _unit_part(value, unit_text, whole.percent, ambiguous, units, label)
