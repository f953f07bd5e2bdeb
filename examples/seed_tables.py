"""The seed tables (``examples/source/*.tsv``, copied verbatim from the two documents).

This module reads them without using the product's reader, so that tests can hold
the reader against an independent account of which lines are headers and which are
data. It serves two builders:

* :mod:`examples.build_examples` fills the official templates with the data rows
  (the bundled example workbooks);
* :func:`build_seed_layout` pastes the tables as the documents print them (their own
  header text, page headers repeated, other start rows and columns, captions and
  prose between tables): a workbook "laid out by someone else" for the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Optional

SOURCE = Path(__file__).resolve().parent / "source"
DOCUMENT_YEAR = {"renja": 2022, "lkjip": 2016}

# lines at the top of each table that are header (and column-number) lines
HEADER_LINES = {
    "renja.t2_1": 3, "renja.t2_2": 1, "renja.t2_3": 2, "renja.t2_4": 2, "renja.t3_2": 1,
    "renja.t3_3": 2, "renja.t3_4": 3,
    "lkjip.t2_1": 1, "lkjip.t2_2": 2, "lkjip.pk_kinerja": 1, "lkjip.pk_anggaran": 1,
    "lkjip.t3_1_1": 2, "lkjip.t3_1_2": 3, "lkjip.t3_1_3": 1, "lkjip.t3_2": 3,
}
CAPTIONS = {
    "renja.t2_1": "Tabel 2.1 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra Disnaker Kota Balikpapan s.d Tahun 2020",
    "renja.t2_2": "Tabel 2.2 Realisasi Capaian Indikator Kinerja Utama (IKU) Disnaker Kota Balikpapan Tahun 2020",
    "renja.t2_3": "Tabel 2.3 Rancangan Awal RKPD Kota Balikpapan Tahun 2022",
    "renja.t2_4": "Tabel 2.4 Reviu Terhadap Rancangan Awal RKPD Tahun 2022 Kota Balikpapan",
    "renja.t3_2": "Tabel 3.2 Rumusan Kebutuhan Program Dan Kegiatan Tahun 2022",
    "renja.t3_3": "Tabel 3.3 Identifikasi Tujuan, Sasaran, Dan Indikator Sasaran Renstra Perangkat Daerah",
    "renja.t3_4": "Tabel 3.4 Rumusan Rencana Program Dan Kegiatan Perangkat Daerah Tahun 2022 Dan Prakiraan Maju Tahun 2023",
    "lkjip.t2_1": "Tabel 2.1. Tujuan ,Sasaran, Indikator dan Target Kinerja Disnakersos Kota Balikpapan Tahun 2016",
    "lkjip.t2_2": "Tabel 2.2. RKT Disnakersos Kota Balikpapan Tahun Anggaran 2016",
    "lkjip.pk_kinerja": "2.3. Perjanjian Kinerja",
    "lkjip.pk_anggaran": "",
    "lkjip.t3_1_1": "Tabel 3.1.1 Capaian Kinerja Disnakersos Kota Balikpapan Tahun 2016",
    "lkjip.t3_1_2": "Tabel 3.1.2 Capaian SPM Ketenagakerjaan Disnakersos Kota Balikpapan Tahun 2016",
    "lkjip.t3_1_3": "Tabel 3.1.3 Capaian SPM Sosial Disnakersos Kota Balikpapan Tahun 2016",
    "lkjip.t3_2": "Tabel 3.2. Capaian Kinerja Anggaran Tahun 2016 Disnakersos Kota Balikpapan",
}
_NUMBER_LINE = re.compile(r"^\(?\d{1,2}\)?\*?$")


@dataclass(frozen=True)
class SeedLine:
    """One line of a seed table: its cells and what it is."""

    index: int                 # 0-based line in the TSV
    cells: tuple               # str or None per tab-separated cell
    kind: str                  # "header", "repeated_header", "column_numbers", "blank", "data"


def _cells(line: str) -> tuple:
    return tuple(c if c.strip() else None for c in line.split("\t"))


def _is_number_line(cells: tuple) -> bool:
    values = [c.strip() for c in cells if c]
    return len(values) >= 3 and all(_NUMBER_LINE.match(v) for v in values)


def seed_lines(key: str) -> list[SeedLine]:
    """Every line of a seed table, classified."""
    raw = (SOURCE / f"{key}.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    n = HEADER_LINES[key]
    header_texts = [" ".join(c or "" for c in _cells(l)).split() for l in raw[:n]]
    out = []
    for index, line in enumerate(raw):
        cells = _cells(line)
        if index < n:
            kind = "header"
        elif not any(cells):
            kind = "blank"
        elif _is_number_line(cells):
            kind = "column_numbers"
        elif any(SequenceMatcher(None, " ".join(" ".join(c or "" for c in cells).split()), " ".join(h)).ratio() > 0.85
                 for h in header_texts if h):
            kind = "repeated_header"
        else:
            kind = "data"
        out.append(SeedLine(index, cells, kind))
    return out


def data_lines(key: str) -> list[SeedLine]:
    """The data (and total) lines of a seed table."""
    return [line for line in seed_lines(key) if line.kind == "data"]


def realigned(key: str, cells: tuple) -> tuple:
    """Cells of a data line as they go into the template.

    On the last page of Renja Tabel 3.4 the text conversion put the whole page four
    cells to the right, because two kode there were typed over five cells
    (``2 | .07 | .05 | 2:02 | .03``). Those two rows keep their error (values in the
    wrong column); the rows without a kode on that page, which only inherit the
    shift, are moved back to their columns.
    """
    if key == "renja.t3_4" and len(cells) > 12 and not any(cells[:5]):
        return cells[4:]
    return cells


def typed_value(text, role, notation=None):
    """(value, number format or None): how Excel stores ``text`` typed into a column of ``role``.

    A number becomes a number, read in the notation the table's own texts prove
    (``600,000`` in an English-notation table is 600000); a percentage becomes a
    fraction with a % format; anything else stays text (``4.300 Pencaker``, ``-``).
    """
    from renja_xl.parse.numbers import parse_number
    from renja_xl.specs.base import Role

    if text is None:
        return None, None
    if role in (Role.NO, Role.KODE, Role.URAIAN, Role.INDIKATOR, Role.TEXT, Role.LOKASI, Role.CHOICE, Role.SATUAN):
        return text, None
    parsed = parse_number(text, notation)
    if parsed is None or parsed.value is None or parsed.ambiguous:
        return text, None
    if parsed.percent:
        digits = re.search(r"[.,](\d+)\s*%", text)
        decimals = len(digits.group(1)) if digits else 0
        return parsed.value / 100, ("0." + "0" * decimals if decimals else "0") + "%"
    value = parsed.value
    return (int(value) if float(value).is_integer() else value), None


# --- the "laid out by someone else" workbook --------------------------------------------

# sheet name -> [(table key, first row, first column)]; other start cells than the template
SEED_LAYOUT = {
    "Bab II Evaluasi": [("renja.t2_1", 6, 2), ("renja.t2_2", 80, 1), ("renja.t2_3", 95, 3), ("renja.t2_4", 115, 1)],
    "Bab III Rencana": [("renja.t3_2", 3, 1), ("renja.t3_3", 80, 2), ("renja.t3_4", 95, 1)],
    "LKjIP Perencanaan": [("lkjip.t2_1", 8, 1), ("lkjip.t2_2", 20, 2), ("lkjip.pk_kinerja", 125, 1),
                          ("lkjip.pk_anggaran", 137, 2)],
    "Capaian": [("lkjip.t3_1_1", 4, 3), ("lkjip.t3_1_2", 18, 1), ("lkjip.t3_1_3", 35, 2)],
    "Anggaran 2016": [("lkjip.t3_2", 12, 4)],
}
PROSE = "Adapun rincian sebagaimana disebutkan dalam tabel di bawah ini :"


def _wrapped(text: Optional[str]) -> Optional[str]:
    """Header text with a line break in the middle, as staff type long headers (Alt+Enter)."""
    if not text or len(text) < 24:
        return text
    words = text.split(" ")
    half = len(words) // 2
    return " ".join(words[:half]) + "\n" + " ".join(words[half:])


def seed_layout_rows(key: str) -> list[tuple]:
    """The table as the document prints it: caption, prose, then every line verbatim."""
    rows: list[tuple] = []
    if CAPTIONS[key]:
        rows.append((CAPTIONS[key],))
        rows.append((PROSE,))
    for line in seed_lines(key):
        if line.kind in ("header", "repeated_header"):
            rows.append(tuple(_wrapped(c) for c in line.cells))
        else:
            rows.append(line.cells)
    return rows


def build_seed_layout(path: Path, typed: bool = False) -> dict:
    """Write the seed-layout workbook; return ``{table key: (sheet, [sheet row of each data line])}``.

    With ``typed`` the data cells hold what Excel stores when the numbers are typed
    (:func:`typed_value`); otherwise every cell is the document's text.
    """
    from openpyxl import Workbook

    from renja_xl.parse.numbers import notation_of
    from renja_xl.specs import get_spec

    wb = Workbook()
    wb.remove(wb.active)
    expected: dict = {}
    for sheet_name, placements in SEED_LAYOUT.items():
        ws = wb.create_sheet(sheet_name)
        ws.cell(1, 1, "Dokumen contoh: tabel ditempel seperti tercetak di dokumen aslinya.")
        used_until = 1
        for key, top, left in placements:
            rows = seed_layout_rows(key)
            first_data = 2 if CAPTIONS[key] else 0
            kinds = [None] * first_data + [line.kind for line in seed_lines(key)]
            roles = [c.role for c in get_spec(key).template_columns(("realisasi_n1", "formulasi"))]
            notation = notation_of(t for line in data_lines(key) for t in line.cells)
            if top <= used_until:
                raise ValueError(f"{key} at row {top} overlaps the table above (ends at row {used_until})")
            used_until = top + len(rows) - 1
            for i, cells in enumerate(rows):
                for j, value in enumerate(cells):
                    if value is None:
                        continue
                    number_format = None
                    if typed and kinds[i] == "data" and j < len(roles):
                        value, number_format = typed_value(value, roles[j], notation)
                    cell = ws.cell(top + i, left + j, value)
                    if isinstance(value, str):
                        cell.data_type = "s"
                    if number_format:
                        cell.number_format = number_format
            expected[key] = (sheet_name, [top + first_data + line.index for line in data_lines(key)])
    wb.save(path)
    return expected
