"""The kind of an indicator, read from its wording.

``Persentase …``, ``Rasio …``, ``Tingkat …`` measure a percentage; ``Jumlah …``,
``Frekuensi …`` a count; ``Indeks …``, ``IKM …``, ``Nilai …`` an index or score.
The kind is what the target's unit is checked against.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

# First meaningful word -> kind. Misspellings seen in real documents are listed too.
_LEADING = {
    "percent": ("persentase", "presentase", "prosentase", "persentasi", "rasio", "tingkat", "proporsi",
                "cakupan", "besaran", "angka partisipasi", "laju"),
    "count": ("jumlah", "frekuensi", "banyaknya", "banyak", "jenis", "luasan", "luas", "volume"),
    "index": ("indeks", "index", "ikm", "nilai", "skor", "predikat", "opini"),
}
_NUMBERING = re.compile(r"^\s*(?:\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|[-•*])\s*")


def indicator_kind(text: Any) -> Optional[str]:
    """``"percent"``, ``"count"``, ``"index"`` or None when the wording does not say.

    >>> indicator_kind("Persentase Pencari kerja yang mendapatkan pelatihan kerja")
    'percent'
    >>> indicator_kind("1. Jumlah LPK Swasta yang dibina")
    'count'
    """
    if not isinstance(text, str):
        return None
    return _kind_of(text)


@lru_cache(maxsize=16384)
def _kind_of(text: str) -> Optional[str]:
    s = _NUMBERING.sub("", " ".join(text.split())).lower()
    for kind, words in _LEADING.items():
        for word in words:
            if s == word or s.startswith(word + " ") or s.startswith(word + "("):
                return kind
    return None
