"""A version of the workbook kept inside it, for Bandingkan where no second file can be opened (xlwings Lite).

"Simpan Versi" keeps what a button reads of the book (every sheet's values, the number
formats of the tables' cells: :class:`~.client.ClientFacts`) in the hidden sheet
``renja-xl-versi``; "Bandingkan" later rebuilds from it the very snapshot the book gave
then, and compares the book as it is now with it. The sheet holds, below its title and a
line saying when and from which book it was saved, the facts as JSON, compressed (zlib) and
in base64, cut into cells of 30,000 characters (a cell holds 32,767), written as text: no
value goes through Excel's typing rules, so a kode ``01.012`` or a text ``126%`` comes back
as it was saved. A sheet of that name whose title is not this one is the user's and is left
alone.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib
from typing import Optional

from ..edits import CellEdit, NewSheet
from ..errors import InputError
from .client import MARKS_SHEET, ClientFacts, SheetFacts

VERSION_SHEET = "renja-xl-versi"
VERSION_TITLE = "renja-xl: versi tersimpan untuk Bandingkan (jangan diubah; Simpan Versi menggantinya)"
CHUNK = 30_000
FIRST_CHUNK_ROW = 3


def _saved_sheets(facts: ClientFacts) -> list:
    return [s for s in facts.sheets.values() if s.name != MARKS_SHEET and not is_version_title(s.name, s.values)]


def is_version_title(name: str, values: list) -> bool:
    """Whether a sheet (its name and its values from A1) is a version renja-xl saved."""
    from ..results_sheet import base_name

    first = values[0][0] if values and values[0] else None
    return base_name(name) == VERSION_SHEET and first == VERSION_TITLE


def encode(facts: ClientFacts, book_name: str, when: Optional[str] = None) -> tuple:
    """(the cells' texts, the line saying what was saved) of a book's facts."""
    when = when or dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    sheets = [{"name": s.name, "top": s.top, "left": s.left, "values": s.values,
               "formats": [[r, c, code] for (r, c), code in sorted((s.formats or {}).items())]}
              for s in _saved_sheets(facts)]
    data = json.dumps({"book": book_name, "saved": when, "sheets": sheets}, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False)
    text = base64.b64encode(zlib.compress(data.encode("utf-8"), 9)).decode("ascii")
    chunks = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    line = f"Disimpan {when} dari {book_name}: {len(sheets)} lembar."
    return chunks, line


def version_sheet(name: str, chunks: list, line: str) -> NewSheet:
    """The hidden sheet that keeps a version (last among the sheets)."""
    cells = [CellEdit(name, 1, 1, value=VERSION_TITLE), CellEdit(name, 2, 1, value=line)]
    cells += [CellEdit(name, FIRST_CHUNK_ROW + k, 1, value=chunk) for k, chunk in enumerate(chunks)]
    return NewSheet(name, cells=cells, first=False, hidden=True)


def decode(name: str, values: list) -> tuple:
    """(the facts, the book's name, when) of a version sheet's values from A1; an InputError when it was changed."""
    try:
        text = "".join(str(row[0]) for row in values[FIRST_CHUNK_ROW - 1:] if row and row[0] is not None)
        data = json.loads(zlib.decompress(base64.b64decode(text, validate=True)).decode("utf-8"))
        facts = ClientFacts()
        for s in data["sheets"]:
            formats = {(int(r), int(c)): code for r, c, code in s["formats"]} or None
            facts.sheets[s["name"]] = SheetFacts(s["name"], s["values"], int(s["top"]), int(s["left"]), formats)
        return facts, str(data["book"]), str(data["saved"])
    except (ValueError, KeyError, TypeError, IndexError, zlib.error) as exc:
        raise InputError(f"Versi tersimpan di lembar '{name}' rusak atau telah diubah ({type(exc).__name__}); "
                         "tekan Simpan Versi lagi pada versi yang hendak dijadikan pembanding.") from None


def unit_formats_of(facts: ClientFacts) -> dict:
    """{(sheet, row, col): number format} of the facts: what bandingkan reads a satuan from (``0 "jenis"``)."""
    from ..perbaiki import unit_of_format

    return {(s.name, r, c): code for s in facts.sheets.values() for (r, c), code in (s.formats or {}).items()
            if unit_of_format(code) is not None}
