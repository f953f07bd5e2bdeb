"""The unit (satuan) vocabulary: canonical unit, its kind and its spellings.

The vocabulary is data (``renja_xl/data/satuan.csv``: ``unit,kind,spellings`` with
spellings separated by ``|``). A user extends it with a CSV of the same columns
(:func:`load_units` with ``extra``); their rows win over the built-in ones.

Kinds: ``percent``, ``count``, ``document``, ``index``, ``currency``, ``time``,
``measure``; an unknown spelling has kind ``unknown``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from .numbers import single_spaced

KINDS = ("percent", "count", "document", "index", "currency", "time", "measure", "unknown")


@dataclass(frozen=True)
class Unit:
    """A canonical unit and its kind."""

    name: str
    kind: str


def normalise_spelling(text: str) -> str:
    """Lower case, single spaces, no trailing dot or colon: ``' Dok. '`` -> ``'dok'``."""
    return single_spaced(text.lower()).strip(" .:;,")


class UnitVocabulary:
    """Spelling -> :class:`Unit` lookup, longest spelling first for multi-word units."""

    def __init__(self, rows: Iterable[tuple[str, str, Iterable[str]]]):
        self._by_spelling: dict[str, Unit] = {}
        for name, kind, spellings in rows:
            unit = Unit(name=name, kind=kind if kind in KINDS else "unknown")
            for spelling in [name, *spellings]:
                key = normalise_spelling(spelling)
                if key:
                    self._by_spelling[key] = unit
        self._max_words = max((len(k.split()) for k in self._by_spelling), default=1)

    def lookup(self, text: str) -> Optional[Unit]:
        """The unit a spelling names, trying the whole text, then its leading words."""
        key = normalise_spelling(text)
        if not key:
            return None
        if key in self._by_spelling:
            return self._by_spelling[key]
        words = key.split(" ", self._max_words)  # the leading words only: linear in a long text
        for n in range(min(len(words) - 1, self._max_words), 0, -1):
            hit = self._by_spelling.get(" ".join(words[:n]))
            if hit:
                return hit
        # "dokumen)" or "orang/tahun": the head word alone
        head = re.split(r"[^\w%²³]", key, maxsplit=1)[0]
        return self._by_spelling.get(head)

    def spellings(self, unit: str) -> frozenset:
        """Every word a unit is written with (``dokumen`` -> {dok, dokumen, buku, …})."""
        cache = self.__dict__.setdefault("_spellings", {})
        if unit not in cache:
            cache[unit] = frozenset(w for k, u in self._by_spelling.items() if u.name == unit for w in k.split()
                                    if len(w) >= 3)
        return cache[unit]

    def resolve(self, text: str) -> Unit:
        """Like :meth:`lookup`, but an unknown spelling becomes a unit of kind ``unknown``."""
        return self.lookup(text) or Unit(name=normalise_spelling(text), kind="unknown")


def _read_rows(stream: io.TextIOBase) -> list[tuple[str, str, list[str]]]:
    reader = csv.DictReader(stream)
    rows = []
    for row in reader:
        name = (row.get("unit") or "").strip()
        if not name:
            continue
        spellings = [s.strip() for s in (row.get("spellings") or "").split("|") if s.strip()]
        rows.append((name, (row.get("kind") or "unknown").strip(), spellings))
    return rows


@lru_cache(maxsize=None)
def _builtin_rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    text = resources.files("renja_xl").joinpath("data/satuan.csv").read_text(encoding="utf-8")
    return tuple((n, k, tuple(s)) for n, k, s in _read_rows(io.StringIO(text)))


def load_units(extra: Optional[str] = None) -> UnitVocabulary:
    """The built-in vocabulary, extended by the CSV file at ``extra`` if given."""
    rows: list = list(_builtin_rows())
    if extra:
        with open(extra, encoding="utf-8-sig", newline="") as handle:
            rows.extend(_read_rows(handle))
    return UnitVocabulary(rows)


@lru_cache(maxsize=1)
def default_units() -> UnitVocabulary:
    """The built-in vocabulary (cached)."""
    return load_units()
