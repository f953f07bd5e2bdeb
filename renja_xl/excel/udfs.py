"""The worksheet functions as desktop xlwings UDFs: ``UDF Modules = renja_xl.excel.udfs`` in the add-in.

Thin wrappers of :mod:`renja_xl.excel.functions` (which holds the documentation); the
Excel name of each is the Python name.
"""

from __future__ import annotations

import xlwings as xw

from . import functions


@xw.func
def RENJA_CAPAIAN(realisasi, target, polaritas=None):  # noqa: N802 - Excel's name for it
    """Capaian kinerja (persen): realisasi / target x 100; polaritas "Negatif": (2 - realisasi/target) x 100."""
    return functions.renja_capaian(realisasi, target, polaritas)


@xw.func
def RENJA_PREDIKAT(capaian):  # noqa: N802
    """Predikat capaian: Sangat Tinggi, Tinggi, Sedang, Rendah, Sangat Rendah."""
    return functions.renja_predikat(capaian)


@xw.func
def RENJA_ANGKA(teks):  # noqa: N802
    """Angka dalam teks target: "4.300 Pencaker" -> 4300."""
    return functions.renja_angka(teks)


@xw.func
def RENJA_KODE(kode):  # noqa: N802
    """Kode program/kegiatan/sub kegiatan dalam bentuk baku: "2 .07 .05 2:03" -> "2.07.05.2.03"."""
    return functions.renja_kode(kode)
