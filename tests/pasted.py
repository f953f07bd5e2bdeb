"""The examples as pasting from Word leaves them: every number stored as the document's text.

:func:`build_pasted` draws the same template and the same rows as
``examples/build_examples.py``, but keeps each cell as the text the document prints
(``84,59%``, ``6.762.282.300``, ``600,000``, ``15 jenis``) where the example stores a
number: what staff get when they copy a table out of Word or a PDF into Excel.
"""

from __future__ import annotations

from pathlib import Path

from build_examples import OPTIONAL_COLUMNS  # examples/ is on the path in the tests
from seed_tables import DOCUMENT_YEAR, data_lines, realigned

from renja_xl.io.template import build_workbook, save_deterministic
from renja_xl.specs import DOCUMENTS


def build_pasted(document: str, path: Path) -> Path:
    """Write the example ``document`` (``renja`` or ``lkjip``) with every cell as text; return ``path``."""
    specs = DOCUMENTS[document]
    rows = {spec.key: data_lines(spec.key) for spec in specs}
    wb, layouts = build_workbook(document, year=DOCUMENT_YEAR[document], include=OPTIONAL_COLUMNS,
                                 data_rows={key: len(lines) + 5 for key, lines in rows.items()})
    for spec in specs:
        layout = layouts[spec.key]
        ws = wb[spec.sheet]
        for offset, line in enumerate(rows[spec.key]):
            for j, text in enumerate(realigned(spec.key, line.cells), start=1):
                if text is None:
                    continue
                cell = ws.cell(layout.first_data_row + offset, j, text)
                cell.data_type = "s"
    save_deterministic(wb, path)
    return path
