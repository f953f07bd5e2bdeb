"""Reading the user's nomenclature file: CSV through the core, XLSX through openpyxl."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..nomenclature import Nomenclature, load_nomenclature_csv, nomenclature_from_rows


def load_nomenclature(path: str) -> Nomenclature:
    """The nomenclature in a ``.csv`` or ``.xlsx`` file (first sheet; the first row names the columns)."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"Berkas nomenklatur '{path}' tidak ditemukan.")
    if file.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(file, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken package
            raise InputError(f"Berkas nomenklatur '{file.name}' tidak dapat dibaca ({type(exc).__name__}).") from None
        try:
            rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
        return nomenclature_from_rows(rows, file.name)
    return load_nomenclature_csv(str(file))
