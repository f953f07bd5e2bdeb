"""Target cells: value plus unit, as staff type them.

``23%``, ``4.300 Pencaker``, ``30 stel``, ``1 Dok`` hold one value and a unit;
``m2`` and ``paket`` a unit with no number; ``31 orang, 2 jenis`` and
``23% 4.300 Pencaker`` several values in one cell. The original text is kept
beside the parse, and nothing here raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from .numbers import parse_number
from .units import UnitVocabulary, default_units

# A part starts with a number (and optional %) or is a bare unit word.
_NUMBER = r"[-+]?\d[\d.,]*\d|[-+]?\d"
_PART = re.compile(
    rf"(?P<num>{_NUMBER})\s*(?P<pct>%|persen\b)?\s*(?P<unit>[^\W\d_][^,;&+]*?)?\s*(?=$|[,;&+]|\s+(?:dan|and)\s+(?=\d)|\s+(?={_NUMBER}))",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:[,;&+]|dan\b|and\b)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class TargetPart:
    """One value of a target cell; ``value`` None for a unit with no number."""

    value: Optional[float]
    unit: Optional[str]  # canonical unit, None when the text gives none
    unit_text: Optional[str]  # the unit as written
    kind: str  # unit kind (see renja_xl.parse.units.KINDS), "none" when no unit
    ambiguous: bool = False


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

    @property
    def is_empty(self) -> bool:
        return not self.parts and not self.leftover


def _unit_part(value, unit_text: Optional[str], percent: bool, ambiguous: bool, units: UnitVocabulary) -> TargetPart:
    if percent:
        return TargetPart(value, "%", "%", "percent", ambiguous)
    if unit_text:
        unit = units.resolve(unit_text)
        return TargetPart(value, unit.name, unit_text, unit.kind, ambiguous)
    return TargetPart(value, None, None, "none", ambiguous)


def _count_like(unit_text: Optional[str], units: UnitVocabulary) -> bool:
    if not unit_text:
        return False
    return units.resolve(unit_text).kind in ("count", "document")


def parse_target(raw: Any, notation: Optional[str] = None, units: Optional[UnitVocabulary] = None) -> Target:
    """Read a target cell into its parts.

    ``notation`` settles ambiguous numbers; a count unit settles ``4.300 Pencaker``
    by itself (4.3 people is not a reading).

    >>> parse_target("23% 4.300 Pencaker").parts[1].value
    4300.0
    >>> parse_target("paket").parts[0].unit
    'paket'
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
    s = " ".join(text.split())
    whole = parse_number(s, notation)
    if whole is not None:
        if whole.value is None:
            return Target(text=text, parts=())
        return Target(text=text, parts=(_unit_part(whole.value, None, whole.percent, whole.ambiguous, units),))
    parts: list[TargetPart] = []
    pos = 0
    leftover: list[str] = []
    while pos < len(s):
        sep = _SEPARATORS.match(s, pos)
        pos = sep.end() if sep else pos
        if pos >= len(s):
            break
        m = _PART.match(s, pos)
        if m and m.end() > pos:
            unit_text = (m.group("unit") or "").strip() or None
            percent = bool(m.group("pct"))
            number = parse_number(m.group("num"))
            if number is None:
                leftover.append(m.group(0))
            else:
                value, ambiguous = number.value, number.ambiguous
                if ambiguous and _count_like(unit_text, units) and not percent:
                    ambiguous = False  # 4.300 Pencaker: a count has no fraction, so the thousands reading
                elif ambiguous and notation:
                    value, ambiguous = parse_number(m.group("num"), notation).value, False
                parts.append(_unit_part(value, unit_text, percent, ambiguous, units))
            pos = m.end()
            continue
        # no number here: a bare unit (``m2``, ``paket``) or words up to the next number
        nxt = re.search(rf"\s(?={_NUMBER})|[,;&+]", s[pos:])
        chunk = s[pos : pos + nxt.start()] if nxt else s[pos:]
        chunk_stripped = chunk.strip()
        if chunk_stripped:
            unit = units.lookup(chunk_stripped)
            if unit is not None and not parts:
                parts.append(TargetPart(None, unit.name, chunk_stripped, unit.kind))
            else:
                leftover.append(chunk_stripped)
        pos += max(len(chunk), 1)
    return Target(text=text, parts=tuple(parts), leftover=" ".join(leftover))
