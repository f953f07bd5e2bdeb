"""Program, kegiatan and sub kegiatan codes (kode) as staff type them.

Two coding systems meet in the documents:

* **Permendagri 90/2019** and its updates (``scheme="90/2019"``): urusan ``2`` .
  bidang ``07`` . program ``03`` . kegiatan ``2.01`` . sub kegiatan ``0001`` (2 digits
  before Kepmendagri 900.1.15.5-1317/2023, 4 after; both are accepted and the
  canonical form uses 4). Typed as ``2 .07 .03 .2.01 .01``, ``2 07 1 2.09 1``,
  ``2 .07 .05 2:03 .02``…
* **Permendagri 13/2006** (``scheme="13/2006"``), in older documents: the full
  ``1.14.1.14.01.01.001`` (urusan, organisasi, program, kegiatan) or the short
  ``15.010`` (program.kegiatan), ``16.`` (program), ``I 01`` (group I, program 01).

:func:`parse_kode` never raises: anomalies (wrong separator, missing zero, an urusan
the bidang does not belong to) are listed in ``anomalies`` for the checks to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")

# Anomaly codes (stable: the checks map them to messages).
SEPARATOR = "separator"          # ':' ',' '-' or a doubled separator between segments
SPACES = "spaces"                # segments separated by spaces instead of dots
MISSING_ZERO = "missing_zero"    # '7' for '07', '1' for '01'
TRAILING = "trailing"            # a separator after the last segment: '2.03.'
URUSAN = "urusan"                # bidang outside its urusan's range (3.07)
SEGMENTS = "segments"            # a number of segments no level has
KEGIATAN_DIGIT = "kegiatan_digit"  # kegiatan prefix not 1-9 or missing

# bidang ranges per urusan (Permendagri 90/2019): 1 wajib pelayanan dasar 01-06,
# 2 wajib non pelayanan dasar 07-24, 3 pilihan 25-32, 4-8 penunjang/pendukung/…
_BIDANG_RANGE = {"1": (1, 6), "2": (7, 24), "3": (25, 32)}
_ROMAN = re.compile(r"^(?P<roman>[IVX]+)\.?\s+(?P<rest>\d.*)$")
_TOKEN = re.compile(r"X{1,2}|\d+", re.IGNORECASE)
_KODE_CHARS = re.compile(r"[\dXx][\dXx\s.:,;\-]*")
_SEPARATORS = re.compile(r"(?<=[\dX])([^\dX]+)(?=[\dX])", re.IGNORECASE)
_TRAILING = re.compile(r"[.:,;\-]\s*$")
_KEGIATAN_DIGIT = re.compile(r"[1-9]")
_CLEAN = re.compile(r"[\dX]+(?:\.[\dX]+)*", re.IGNORECASE)


@dataclass(frozen=True)
class Kode:
    """A parsed kode. ``canonical`` is the dotted form, '' when nothing could be read."""

    text: str
    canonical: str
    level: Optional[str]
    scheme: Optional[str]
    segments: tuple[str, ...] = ()
    anomalies: tuple[str, ...] = field(default=())
    sub_width: Optional[int] = None  # 2 or 4 as typed, for sub kegiatan

    @property
    def valid(self) -> bool:
        return bool(self.canonical) and self.level is not None

    @property
    def parent(self) -> Optional[str]:
        """Canonical kode of the level above, None at the top."""
        if self.scheme == "90/2019":
            return _parent_90(self.canonical)
        if self.scheme == "13/2006" and "." in self.canonical:
            return self.canonical.rsplit(".", 1)[0]
        return None


def _parent_90(canonical: str) -> Optional[str]:
    parts = canonical.split(".")
    # urusan.bidang.program.k1.k2.sub -> drop sub, then both kegiatan parts, then one
    if len(parts) == 6:
        return ".".join(parts[:5])
    if len(parts) == 5:
        return ".".join(parts[:3])
    if len(parts) in (2, 3):
        return ".".join(parts[:-1])
    return None


def parent_of(canonical: str, scheme: str = "90/2019") -> Optional[str]:
    """Canonical parent of a canonical kode (``2.07.03.2.01.0001`` -> ``2.07.03.2.01``)."""
    return _parent_90(canonical) if scheme == "90/2019" else (canonical.rsplit(".", 1)[0] if "." in canonical else None)


def _separators(text: str) -> list[str]:
    """The separators between digit tokens, as typed."""
    return _SEPARATORS.findall(text)


def _pad(token: str, width: int, anomalies: set[str]) -> str:
    if token.upper().startswith("X"):
        return token.upper()
    if len(token) < width:
        anomalies.add(MISSING_ZERO)
        return token.zfill(width)
    return token


def _parse_90(tokens: list[str], anomalies: set[str]) -> tuple[str, Optional[str], Optional[int]]:
    n = len(tokens)
    level = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}.get(n)
    if level is None:
        anomalies.add(SEGMENTS)
        return "", None, None
    # "X"/"XX" stand for any urusan/bidang (program penunjang); elsewhere only digits
    placeholders_ok = tokens[0].upper() in ("X",) or tokens[0].isdigit()
    placeholders_ok &= n < 2 or tokens[1].upper() in ("X", "XX") or tokens[1].isdigit()
    if not placeholders_ok or not all(t.isdigit() for t in tokens[2:]):
        anomalies.add(SEGMENTS)
        return "", None, None
    out = [tokens[0].upper() if tokens[0].upper() == "X" else tokens[0]]
    if len(out[0]) != 1:
        anomalies.add(SEGMENTS)
        return "", None, None
    if n >= 2:
        out.append(_pad(tokens[1], 2, anomalies))
    if n >= 3:
        out.append(_pad(tokens[2], 2, anomalies))
    if n >= 5:
        if not _KEGIATAN_DIGIT.fullmatch(tokens[3]):
            anomalies.add(KEGIATAN_DIGIT)
        out.append(tokens[3])
        out.append(_pad(tokens[4], 2, anomalies))
    width = None
    if n == 6:
        sub = tokens[5]
        width = 4 if len(sub) >= 3 else 2
        if len(sub) == 1:
            anomalies.add(MISSING_ZERO)
        out.append(sub.zfill(4))
    urusan, bidang = out[0], (out[1] if n >= 2 else None)
    if bidang and bidang.isdigit() and urusan in _BIDANG_RANGE:
        low, high = _BIDANG_RANGE[urusan]
        if not low <= int(bidang) <= high:
            anomalies.add(URUSAN)
    return ".".join(out), level, width


def _parse_13(tokens: list[str], roman: Optional[str]) -> tuple[str, Optional[str]]:
    # full: urusan(1).bidang(2).org(1).org(2).unit(2).program(2).kegiatan(3)
    if len(tokens) == 7:
        return ".".join(tokens), "kegiatan"
    if len(tokens) == 6:
        return ".".join(tokens), "program"
    if len(tokens) == 2:
        return ".".join(tokens), "kegiatan"
    if len(tokens) == 1:
        return (f"{roman}.{tokens[0]}" if roman else tokens[0]), "program"
    return ".".join(tokens), None


def parse_kode(raw: Any) -> Kode:
    """Read a kode cell into its canonical dotted form, level and anomalies (see :func:`_parse_kode`)."""
    if isinstance(raw, str):
        return _parse_kode_text(raw)
    return _parse_kode(raw)


@lru_cache(maxsize=16384)
def _parse_kode_text(text: str) -> Kode:
    return _parse_kode(text)


def _parse_kode(raw: Any) -> Kode:
    """Read a kode cell into its canonical dotted form, level and anomalies.

    >>> parse_kode("2 .07 .03 .2.01 .01").canonical
    '2.07.03.2.01.0001'
    >>> parse_kode("2 7 1 2.09 7").anomalies
    ('missing_zero', 'spaces')
    >>> parse_kode("15.010").scheme, parse_kode("15.010").level
    ('13/2006', 'kegiatan')
    """
    if raw is None or isinstance(raw, bool):
        return Kode(text="", canonical="", level=None, scheme=None)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    s = " ".join(text.split()).strip()
    if not s:
        return Kode(text=text, canonical="", level=None, scheme=None)
    roman = None
    m = _ROMAN.match(s)
    if m:
        roman, s = m.group("roman"), m.group("rest")
    if not _KODE_CHARS.fullmatch(s):
        return Kode(text=text, canonical="", level=None, scheme=None)
    tokens = _TOKEN.findall(s)
    anomalies: set[str] = set()
    seps = () if _CLEAN.fullmatch(s) else _separators(s)  # the common case: only single dots between digits
    for sep in seps:
        core = sep.replace(" ", "")
        if core == "" and sep:
            anomalies.add(SPACES)
        elif core != ".":
            anomalies.add(SEPARATOR)
    if _TRAILING.search(s) and len(tokens) > 1:
        anomalies.add(TRAILING)
    is_13 = roman is not None or any(len(t) == 3 for t in tokens[1:]) or (
        len(tokens) <= 2 and len(tokens[0]) == 2 and tokens[0].isdigit()
    )
    if is_13:
        canonical, level = _parse_13(tokens, roman)
        if level is None:
            anomalies.add(SEGMENTS)
        return Kode(text, canonical, level, "13/2006", tuple(tokens), tuple(sorted(anomalies)))
    canonical, level, width = _parse_90(tokens, anomalies)
    return Kode(text, canonical, level, "90/2019" if canonical else None, tuple(tokens), tuple(sorted(anomalies)), width)


_EMBEDDED = re.compile(r"kode\s+rekening\s*[:.]?\s*(?P<kode>[\dX][\dX.]*\d)\.?\s*", re.IGNORECASE)


def split_embedded_kode(name: Any) -> tuple[Optional[Kode], str]:
    """Find a ``Kode Rekening 1.14.1.14.01.01.001.`` written inside a name cell.

    Returns the kode (or None) and the name without it and without a leading list
    number (``"17. "``).
    """
    if not isinstance(name, str):
        return None, "" if name is None else str(name)
    m = _EMBEDDED.search(name)
    if not m:
        return None, name.strip()
    rest = (name[: m.start()] + name[m.end():]).strip()
    rest = re.sub(r"^\d{1,3}\.\s*", "", rest)
    return parse_kode(m.group("kode")), rest
