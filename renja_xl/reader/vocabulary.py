"""The column-concept vocabulary: what a column holds, from the words of its header.

The vocabulary is data (``renja_xl/data/kolom.csv``: ``concept,role,spellings`` with
spellings separated by ``|``), like the unit vocabulary. A user teaches renja-xl a new
spelling with a CSV of the same columns (``kolom = kolom_saya.csv`` in
``renja-xl.ini``); its rows are added to the built-in ones.

A header is read in two steps: :func:`~renja_xl.reader.qualifiers.read_period` takes
out the words that say *for when* (a year, n+1, a month, a triwulan, APBD-P); what is
left is looked up here, after normalisation (case, punctuation, line breaks), with
``Rp`` and ``%`` read as markers (``Realisasi (Rp)`` is an amount, ``Realisasi (%)`` a
percentage) and with typo tolerance (``Rcalisasi``, ``N0``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from ..errors import InputError
from ..specs.base import Role
from .headers import normalise, similarity

FUZZY_THRESHOLD = 0.84
_MONEY_MARKERS = frozenset(("rp", "rupiah", "idr"))
_PERCENT_MARKERS = frozenset(("%", "persen", "prosen"))

# what a marker turns a concept into: "Realisasi (Rp)" is realisasi anggaran, "Realisasi (%)" a capaian
_AS_MONEY = {"realisasi": "realisasi_anggaran", "capaian": "persen_anggaran", "target": "pagu"}
_AS_PERCENT = {"realisasi": "capaian", "pagu": "persen_anggaran", "realisasi_anggaran": "persen_anggaran"}


@dataclass(frozen=True)
class Concept:
    """One kind of column: ``pagu`` (role PAGU), ``capaian`` (PERCENT), ``indikator``…"""

    name: str
    role: Role


@dataclass(frozen=True)
class ConceptMatch:
    """What a header text names, and how sure the match is (1.0 for an exact spelling)."""

    concept: Concept
    score: float
    money: bool = False      # the text says Rp
    percent: bool = False    # the text says %


class ConceptVocabulary:
    """Normalised spelling -> :class:`Concept`."""

    def __init__(self, rows: Iterable[tuple[str, str, Iterable[str]]]):
        self._by_spelling: dict[str, Concept] = {}
        self._concepts: dict[str, Concept] = {}
        for name, role, spellings in rows:
            concept = Concept(name, Role(role))
            self._concepts[name] = concept
            for spelling in spellings:
                key = normalise(spelling)
                if key:
                    self._by_spelling[key] = concept  # a later (user) row wins

    def concept(self, name: str) -> Concept:
        """The concept called ``name`` (KeyError when the vocabulary has none)."""
        return self._concepts[name]

    @property
    def spellings(self) -> dict:
        return dict(self._by_spelling)

    def lookup(self, text: str) -> Optional[ConceptMatch]:
        """The concept a header text (period words already taken out) names, or None."""
        return self._lookup(normalise(text))

    @lru_cache(maxsize=8192)
    def _lookup(self, key: str) -> Optional[ConceptMatch]:
        if not key:
            return None
        words = key.split()
        money = bool(_MONEY_MARKERS.intersection(words))
        percent = bool(_PERCENT_MARKERS.intersection(words))
        bare = " ".join(w for w in words if w not in _MONEY_MARKERS and w not in _PERCENT_MARKERS and w != "#")
        for candidate, score in ((key, 1.0), (bare, 0.98)):
            concept = self._by_spelling.get(candidate)
            if concept is not None:
                return self._marked(concept, score, money, percent, candidate)
        if not bare or len(bare) > 80:
            return None
        best, best_score = None, FUZZY_THRESHOLD
        words = frozenset(bare.split())
        for spelling, concept, spelling_words in self._by_initial().get(bare[0], ()):
            if abs(len(spelling) - len(bare)) > max(3, len(bare) // 3):
                continue
            if len(words) > 1 and 4 * len(words & spelling_words) < len(words) + len(spelling_words):
                continue  # a typo costs one word: at least half the words must be shared
            score = similarity(bare, spelling)
            if score > best_score:
                best, best_score = concept, score
        return self._marked(best, best_score, money, percent, bare) if best is not None else None

    def _by_initial(self) -> dict:
        """Spellings by their first character: a typo seldom hits the first letter, and this keeps the
        fuzzy pass to a few dozen candidates."""
        index = self.__dict__.get("_initial")
        if index is None:
            index = {}
            for spelling, concept in self._by_spelling.items():
                index.setdefault(spelling[0], []).append((spelling, concept, frozenset(spelling.split())))
            self.__dict__["_initial"] = index
        return index

    def _marked(self, concept: Concept, score: float, money: bool, percent: bool, spelling: str) -> ConceptMatch:
        """Apply the Rp / % markers the text carries beyond its spelling."""
        words = spelling.split()
        if percent and "%" not in words and concept.name in _AS_PERCENT:
            concept = self._concepts.get(_AS_PERCENT[concept.name], concept)
        elif money and concept.name in _AS_MONEY and not _MONEY_MARKERS.intersection(words):
            concept = self._concepts.get(_AS_MONEY[concept.name], concept)
        return ConceptMatch(concept, score, money, percent)

    def as_money(self, concept: Concept) -> Concept:
        """The amount counterpart of a concept under a money group header (Anggaran: Realisasi -> realisasi anggaran)."""
        return self._concepts.get(_AS_MONEY.get(concept.name, ""), concept)

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


def _read_rows(stream: io.TextIOBase, source: str) -> list[tuple[str, str, list[str]]]:
    rows = []
    roles = {r.value for r in Role}
    for number, row in enumerate(csv.DictReader(stream), start=2):
        name = (row.get("concept") or "").strip()
        if not name:
            continue
        role = (row.get("role") or "text").strip().lower()
        if role not in roles:
            raise InputError(f"Baris {number} di '{source}': peran kolom '{role}' tidak dikenal "
                             f"({', '.join(sorted(roles))}).")
        spellings = [s.strip() for s in (row.get("spellings") or "").split("|") if s.strip()]
        rows.append((name, role, spellings))
    return rows


@lru_cache(maxsize=None)
def _builtin_rows() -> tuple:
    text = resources.files("renja_xl").joinpath("data/kolom.csv").read_text(encoding="utf-8")
    return tuple((n, r, tuple(s)) for n, r, s in _read_rows(io.StringIO(text), "kolom.csv"))


def load_concepts(extra: Optional[str] = None) -> ConceptVocabulary:
    """The built-in concept vocabulary, extended by the CSV file at ``extra`` if given."""
    rows: list = list(_builtin_rows())
    if extra:
        try:
            with open(extra, encoding="utf-8-sig", newline="") as handle:
                rows.extend(_read_rows(handle, extra))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise InputError(f"Berkas kosakata kolom '{extra}' tidak dapat dibaca ({type(exc).__name__}).") from None
    return ConceptVocabulary(rows)


@lru_cache(maxsize=1)
def default_concepts() -> ConceptVocabulary:
    """The built-in vocabulary (cached)."""
    return load_concepts()
