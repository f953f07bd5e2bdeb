"""Worksheet functions for Excel (xlwings UDFs), each a thin face of a core function.

    =RENJA_CAPAIAN(G8; F8)            capaian in percent points (realisasi / target x 100)
    =RENJA_CAPAIAN(G8; F8; "Negatif") capaian of an indicator that is better when lower
    =RENJA_PREDIKAT(H8)               "Sangat Tinggi" … "Sangat Rendah" (bands of the LKjIP)
    =RENJA_ANGKA("4.300 Pencaker")    4300: the number in a target, either notation
    =RENJA_KODE("2 .07 .05 2:03")     "2.07.05.2.03": the kode written the official way

An input that holds no number gives an empty cell, never an error value. The same
functions are the ``@func`` functions of the xlwings Lite script (addin/macros/lite/main.py).
"""

from __future__ import annotations

from typing import Any, Optional

from ..compute.engine import capaian_value, is_negative
from ..compute.predikat import PredikatBands
from ..parse.kode import parse_kode
from ..parse.numbers import parse_number
from ..parse.targets import parse_target

BANDS = PredikatBands()


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    parsed = parse_number(value)
    if parsed is not None and parsed.value is not None:
        return parsed.value
    target = parse_target(value)
    return target.value


def renja_capaian(realisasi: Any, target: Any, polaritas: Any = None) -> Any:
    """Capaian kinerja in percent points; "" when either value is missing or the target is zero."""
    value = capaian_value(_number(realisasi), _number(target), is_negative(polaritas))
    return "" if value is None else round(value, 10)


def renja_predikat(capaian: Any) -> str:
    """The predikat of a capaian (percent points)."""
    return BANDS.label(_number(capaian)) or ""


def renja_angka(teks: Any) -> Any:
    """The number in a target or amount: ``"4.300 Pencaker"`` -> 4300, ``"61,91%"`` -> 61.91."""
    value = _number(teks)
    return "" if value is None else value


def renja_kode(kode: Any) -> str:
    """A kode written the official way (``2.07.05.2.03``); the text as it was when it is no kode."""
    parsed = parse_kode(kode)
    if parsed is None or not parsed.canonical:
        return "" if kode is None else str(kode)
    return parsed.canonical
