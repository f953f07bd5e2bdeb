"""The period a header names: a year, n / n+1, a month, a triwulan, APBD murni or perubahan.

``Realisasi Triwulan II``, ``Target Tahun 2022``, ``Prakiraan Maju Rencana Tahun n+1``,
``APBD-P``: the words that say *for when* are read out of a header text, and what is
left (``Realisasi``, ``Target``) names *what* the column holds. Everything here is
pure and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
          "november", "desember")
_MONTH_WORDS = {name: i + 1 for i, name in enumerate(MONTHS)}
_MONTH_WORDS.update({"jan": 1, "feb": 2, "pebruari": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
                     "ags": 8, "agus": 8, "sep": 9, "sept": 9, "okt": 10, "nop": 11, "nov": 11, "nopember": 11,
                     "des": 12, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
                     "august": 8, "october": 10, "december": 12})
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_RELATIVE = re.compile(r"(?<![\w])n\s*([+\-–−])\s*(\d)(?!\d)|\(\s*n\s*\)|\btahun\s+n\b(?!\s*[+\-–−]\s*\d)")
_TO_DATE = re.compile(r"\bs\s*d\s+(?=(?:triwulan|tri\s+wulan|trw|tw|semester|bulan)\b)")
_TRIWULAN = re.compile(r"\b(?:triwulan|tri\s+wulan|trw|tw|kuartal|quarter|q)\s*[-.]?\s*(iv|iii|ii|i|[1-4])\b")
_SEMESTER = re.compile(r"\bsemester\s*(ii|i|[12])\b")
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\b")
_PERUBAHAN = re.compile(r"\bapbd\s*-?\s*p\b|\bperubahan\b|\bdppa\b")
_MURNI = re.compile(r"\bmurni\b|\bapbd\s+induk\b")
_APBD_P = re.compile(r"\bapbd\s*-?\s*p\b")
_PERUBAHAN_WORD = re.compile(r"\bperubahan\b|\bdppa\b")
_MURNI_WORD = re.compile(r"\bmurni\b|\binduk\b")
_RENSTRA = re.compile(r"\brenstra\b|\bakhir\s+periode\b|\bkondisi\s+akhir\b|\btarget\s+akhir\b")
_MAJU = re.compile(r"\b(?:prakiraan|perkiraan)\s+maju\b")
_FILLER = re.compile(r"\b(?:tahun|thn|th|ta|s\s*d|sampai\s+dengan|s/d|sd|rencana|prakiraan\s+maju|perkiraan\s+maju|"
                     r"bulan|periode|ke|pada|triwulan|semester)\b")


@dataclass(frozen=True)
class Period:
    """For when a column holds its values; every field None when the header does not say."""

    year: Optional[int] = None        # 2022
    relative: Optional[int] = None    # 0 for n, 1 for n+1, -1 for n-1
    month: Optional[int] = None       # 1..12
    triwulan: Optional[int] = None    # 1..4
    semester: Optional[int] = None    # 1..2
    apbd: Optional[str] = None        # "murni" or "perubahan"
    renstra: bool = False             # the Renstra's (end-of-period) value
    to_date: bool = False             # "s.d. Triwulan IV": the sum (or latest) of the parts so far

    @property
    def is_split(self) -> bool:
        """A part of a year (a month, a triwulan, a semester): parts add up to a Jumlah."""
        return self.month is not None or self.triwulan is not None or self.semester is not None

    @property
    def year_tag(self) -> str:
        """The year part of the tag: ``2022``, ``n``, ``n1`` (n+1), ``nm1`` (n-1); '' when none."""
        if self.year is not None:
            return str(self.year)
        if self.relative is not None:
            return "n" if self.relative == 0 else (f"n{self.relative}" if self.relative > 0 else f"nm{-self.relative}")
        return ""

    @property
    def part_tag(self) -> str:
        """The part-of-year and APBD part of the tag: ``jan``, ``tw2``, ``s1``, ``murni``, ``p``."""
        bits = []
        if self.month is not None:
            bits.append(MONTHS[self.month - 1][:3])
        if self.triwulan is not None:
            bits.append(f"tw{self.triwulan}")
        if self.semester is not None:
            bits.append(f"s{self.semester}")
        if self.apbd:
            bits.append("murni" if self.apbd == "murni" else "p")
        if self.renstra:
            bits.append("renstra")
        return "_".join(bits)

    @property
    def tag(self) -> str:
        """A short key suffix: ``2022``, ``n1``, ``2022_tw3``, ``murni``; '' for no period."""
        return "_".join(b for b in (self.year_tag, self.part_tag) if b)

    def merged(self, outer: "Period") -> "Period":
        """This period with what the group header above adds (the leaf's own words win)."""
        return Period(
            year=self.year if self.year is not None else outer.year,
            relative=self.relative if self.relative is not None else outer.relative,
            month=self.month if self.month is not None else outer.month,
            triwulan=self.triwulan if self.triwulan is not None else outer.triwulan,
            semester=self.semester if self.semester is not None else outer.semester,
            apbd=self.apbd or outer.apbd,
            renstra=self.renstra or outer.renstra,
            to_date=self.to_date,
        )

    def with_part(self, outer_text: str, leaf: str) -> "Period":
        """A bare ``I``…``IV`` or ``1``…``12`` under a group header that says Triwulan, Semester or Bulan."""
        if self.is_split:
            return self
        word = leaf.strip().lower().strip(".")
        outer = outer_text.lower()
        number = _ROMAN.get(word)
        if number and re.search(r"\btriwulan|\btw\b|\btrw\b", outer):
            return replace(self, triwulan=number)
        if number in (1, 2) and "semester" in outer:
            return replace(self, semester=number)
        if word.isdigit() and 1 <= int(word) <= 12 and "bulan" in outer:
            return replace(self, month=int(word))
        return self


def _plain(text: str) -> str:
    s = text.lower().replace("\u00a0", " ")
    s = re.sub(r"[_/\\|()\[\]{}:;,.'\"`]+", " ", s)
    return " ".join(s.split())


@lru_cache(maxsize=16384)
def read_period(text: str) -> tuple[Period, str]:
    """The period a header text names, and the text left once the period words are taken out.

    >>> read_period("Realisasi Triwulan II")
    (Period(year=None, relative=None, month=None, triwulan=2, semester=None, apbd=None, renstra=False), 'realisasi')
    >>> read_period("Target Tahun n+1")[0].relative
    1
    """
    raw = text.lower().replace("\u00a0", " ")
    relative = None
    m = _RELATIVE.search(raw)
    if m:
        relative = 0 if m.group(1) is None else (int(m.group(2)) * (1 if m.group(1) == "+" else -1))
        raw = raw[: m.start()] + " " + raw[m.end():]
    s = _plain(raw)
    year = None
    m = _YEAR.search(s)
    if m:
        year = int(m.group(1))
        s = _YEAR.sub(" ", s)
    if relative is None and _MAJU.search(s):
        relative = 1
    to_date = bool(_TO_DATE.search(s))
    found: dict = {}
    for name, pattern in (("triwulan", _TRIWULAN), ("semester", _SEMESTER), ("month", _MONTH)):
        m = pattern.search(s)
        if m:
            word = m.group(1)
            if not to_date:
                found[name] = _MONTH_WORDS[word] if name == "month" else _ROMAN.get(word)
            s = s[: m.start()] + " " + s[m.end():]
    apbd = None
    if _PERUBAHAN.search(s):
        apbd = "perubahan"
        s = _APBD_P.sub(" apbd ", _PERUBAHAN_WORD.sub(" ", s))
    elif _MURNI.search(s):
        apbd = "murni"
        s = _MURNI_WORD.sub(" ", s)
    renstra = bool(_RENSTRA.search(s))
    rest = " ".join(_FILLER.sub(" ", s).split())
    period = Period(year=year, relative=relative, month=found.get("month"), triwulan=found.get("triwulan"),
                    semester=found.get("semester"), apbd=apbd, renstra=renstra, to_date=to_date)
    return period, rest
