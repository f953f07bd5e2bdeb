"""Build the bundled example workbooks from the seed tables.

    python examples/build_examples.py

Each table of the two seed documents goes into the generated official template
(the same drawing code as ``renja-xl template``), its data rows as the document
gives them, errors included: they are what the checks exist to find. Values are
stored the way Excel stores what staff type: a number becomes a number (read in
the notation the table's own texts prove, so ``600,000`` in an English-notation
table is 600000; a percentage becomes a number with a % format), anything else
stays text (``4.300 Pencaker``, ``15 jenis``, ``-``). The two optional columns the seeds carry beyond the
official formats (Formulasi in Tabel 3.4, a second Realisasi in Tabel 2.1) are
drawn in, so the examples are not the bare template. Rows whose text wraps get the height
that shows it (``fit_rows``), as a person would size them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from seed_tables import DOCUMENT_YEAR, data_lines, realigned, typed_value  # noqa: E402

from renja_xl.io.template import build_workbook, fit_rows, save_deterministic  # noqa: E402
from renja_xl.parse.numbers import notation_of  # noqa: E402
from renja_xl.specs import DOCUMENTS  # noqa: E402
from renja_xl.specs.base import Role  # noqa: E402

OUTPUTS = {
    "renja": HERE / "renja_2022_disnaker_balikpapan.xlsx",
    "lkjip": HERE / "lkjip_2016_disnakersos_balikpapan.xlsx",
}
OPTIONAL_COLUMNS = ("realisasi_n1", "formulasi")


def build(document: str, path: Path) -> None:
    specs = DOCUMENTS[document]
    rows = {spec.key: data_lines(spec.key) for spec in specs}
    wb, layouts = build_workbook(document, year=DOCUMENT_YEAR[document], include=OPTIONAL_COLUMNS,
                                 data_rows={key: len(lines) + 5 for key, lines in rows.items()})
    for spec in specs:
        layout = layouts[spec.key]
        ws = wb[spec.sheet]
        roles = {index: spec.column(key).role for key, index in layout.columns.items()}
        notation = notation_of(text for line in rows[spec.key] for text in line.cells)
        for offset, line in enumerate(rows[spec.key]):
            for j, text in enumerate(realigned(spec.key, line.cells), start=1):
                value, number_format = typed_value(text, roles.get(j, Role.TEXT), notation)
                if value is None:
                    continue
                cell = ws.cell(layout.first_data_row + offset, j, value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text, even when it starts with "="
                if number_format:
                    cell.number_format = number_format
        fit_rows(ws, layout, range(layout.first_data_row, layout.first_data_row + len(rows[spec.key])))
    save_deterministic(wb, path)


def main() -> None:
    for document, path in OUTPUTS.items():
        build(document, path)
        print(f"ditulis: {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
