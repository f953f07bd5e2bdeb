"""The official nomenclature of programs, kegiatan and sub kegiatan, as a user exports it.

Kepmendagri 050-5889/2021 and its updates (900.1.15.5-1317/2023 …) fix every sub
kegiatan's kode, name, kinerja, indikator and satuan; SIPD rejects what deviates. A
user gives renja-xl that list as a CSV (``kode,nomenklatur,indikator,satuan``; also
``level``, ``kinerja`` and a successor column ``kode_pengganti`` when a kode was
retired), e.g. exported from SIPD; ``io.nomenclature`` reads the same columns from an
XLSX. Kode are compared in canonical form (sub kegiatan with 4 digits), so
``2.07.03.2.01.01`` finds ``2.07.03.2.01.0001``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Iterable, Optional

from .errors import InputError
from .parse.kode import parse_kode

_COLUMNS = {
    "kode": ("kode", "kode_rekening", "kd"),
    "name": ("nomenklatur", "nama", "uraian", "nomenklatur_urusan_kabupaten_kota", "nama_sub_kegiatan"),
    "level": ("level", "tingkat"),
    "kinerja": ("kinerja",),
    "indikator": ("indikator", "indikator_kinerja"),
    "satuan": ("satuan",),
    "successor": ("kode_pengganti", "pengganti", "kode_baru", "successor"),
}


@dataclass(frozen=True)
class Entry:
    """One kode of the nomenclature."""

    kode: str                      # canonical
    name: str
    level: Optional[str] = None
    indikator: str = ""
    satuan: str = ""
    successor: str = ""            # canonical kode that replaces a retired one, '' when in force


class Nomenclature:
    """Canonical kode -> :class:`Entry`, and which bidang the list covers."""

    def __init__(self, entries: Iterable[Entry], source: str = ""):
        self.entries = {e.kode: e for e in entries}
        self.source = source
        self.bidang = frozenset(".".join(k.split(".")[:2]) for k in self.entries if k.count(".") >= 1)

    def get(self, kode: str) -> Optional[Entry]:
        return self.entries.get(kode)

    def covers(self, kode: str) -> bool:
        """Whether the list speaks for this kode's bidang (a list of bidang 2.07 says nothing of 1.01)."""
        return ".".join(kode.split(".")[:2]) in self.bidang

    def __len__(self) -> int:
        return len(self.entries)


def _header_map(header: list[str], source: str) -> dict:
    found = {}
    normalised = [h.strip().lower().replace(" ", "_") for h in header]
    for field, names in _COLUMNS.items():
        for i, h in enumerate(normalised):
            if h in names:
                found[field] = i
                break
    if "kode" not in found or "name" not in found:
        raise InputError(f"Berkas nomenklatur '{source}' perlu kolom 'kode' dan 'nomenklatur' "
                         f"(kolom yang ada: {', '.join(h for h in header if h) or 'tidak ada'}).")
    return found


def nomenclature_from_rows(rows: Iterable[list], source: str) -> Nomenclature:
    """A nomenclature from rows of cell values, the first being the header."""
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        raise InputError(f"Berkas nomenklatur '{source}' kosong.")
    columns = _header_map(["" if h is None else str(h) for h in header], source)

    def cell(row: list, field: str) -> str:
        i = columns.get(field)
        value = row[i] if i is not None and i < len(row) else None
        return "" if value is None else " ".join(str(value).split())

    entries = []
    for row in rows:
        kode = parse_kode(cell(row, "kode"))
        if not kode.valid:
            continue
        successor = parse_kode(cell(row, "successor"))
        entries.append(Entry(kode.canonical, cell(row, "name"), cell(row, "level") or kode.level,
                             cell(row, "indikator"), cell(row, "satuan"),
                             successor.canonical if successor.valid else ""))
    if not entries:
        raise InputError(f"Berkas nomenklatur '{source}' tidak berisi satu pun kode yang terbaca.")
    return Nomenclature(entries, source)


def load_nomenclature_csv(path: str) -> Nomenclature:
    """Read a nomenclature CSV (UTF-8, comma or semicolon separated)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Berkas nomenklatur '{path}' tidak dapat dibaca ({type(exc).__name__}).") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return nomenclature_from_rows(csv.reader(io.StringIO(text), delimiter=delimiter), path)
