"""A worksheet's rows read by pattern where they take the common forms, by the XML parser where they do not.

Nearly every cell a spreadsheet program writes is one of a few shapes —
``<c r="F7" s="10" t="s"><v>12</v></c>``, a formula before its cached ``<v>``, an inline
``<is><t>…</t></is>`` — and an expat callback per element (three per cell) is most of
what reading a sheet costs. So the rows inside ``<sheetData>`` are matched whole by
regular expressions, one row at a time, and a row is taken only when its cells cover it
exactly (nothing between them, nothing left over) and every text in it is plain
(no character reference but the five named ones, no carriage return, no CDATA,
comment or rich run). Any other row, and everything outside ``<sheetData>``, goes to
the defused expat parser that :mod:`renja_xl.io.xlsx_reader` streams through, with the
same callbacks as ever: the parser sees the whole part except the rows taken here,
which are complete, balanced elements, so it still checks the document's structure,
refuses DTD entities, and counts nesting. Both ways store through
:meth:`~renja_xl.io.xlsx_reader._SheetTarget.store`, so a row reads the same either way
(``tests/test_sheetscan.py`` compares them cell by cell).
"""

from __future__ import annotations

import codecs
import re
from typing import IO, Callable

from .package import MAX_ROWS

_CHUNK = 1 << 20
_LONGEST = 8 << 20  # a head or a row longer than this is left to the parser (never held whole here)
# a row's start tag; attributes are name="value" pairs (quotes other than " go to the parser), their repeat entered
# after a first one (as the cells' optional pieces below)
_ATTRIBUTE = r'\s+[\w:]+="[^"<>]*"'
_ROW = re.compile(f'\\s*<row({_ATTRIBUTE}(?:{_ATTRIBUTE})*|)\\s*(/?)>')
_ROW_NUMBER = re.compile(r'\sr="(\d{1,7})"')
# a cell: reference, then style and type in either order, other numeric attributes (cm, vm, ph) passed over, then
# nothing, a value, a formula and its value, or a plain inline string
# (an optional piece is written ``(?:…|)``, not ``(?:…)?``, and the other attributes' repeat is entered only after
# one of them: the same choices in the same order, which the regular expression engine runs as branches instead
# of repeats, a tenth faster over a sheet)
_OTHER = r' (?:cm|vm|ph)="[0-9]{1,9}"'
_CELL_FORM = (r'\s*<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]{1,9})"|)(?: t="([a-zA-Z]{1,9})"|)'
              r'(?: s="([0-9]{1,9})"|)(?:' + _OTHER + '(?:' + _OTHER + r')*|)\s*'
              r'(?:/>|>(?:<v>([^<]*)</v>|<v/>'
              r'|<f\b[^<>]*(?:/>|>[^<]*</f>)(?:<v>([^<]*)</v>|<v/>|)'
              r'|<is><t(?: xml:space="preserve"|)>([^<]*)</t></is>|<is><t(?: xml:space="preserve"|)/></is>|)</c>)')
# the whole cell is the first group: the cells cover a row exactly when their lengths add up to it (one pass, no
# second match of the row as a whole)
_CELL = re.compile(f"({_CELL_FORM})")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_OTHER_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)")
_DECLARATION = re.compile(r"<\?xml[^>]*\?>")
_MAIN_NAMESPACE = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


class _Unfamiliar(Exception):
    """A row in a shape the patterns do not take: the parser reads it."""


def plain_text(raw: str) -> str:
    """The character data of a text matched by the patterns: the five named references decoded."""
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], raw) if "&" in raw else raw


def _row_cells(content: str) -> list:
    """[(the cell's text, col letters, row digits, style, kind, style, value, formula's value, inline text)] of a
    row's content.

    :class:`_Unfamiliar` unless the cells cover the content exactly and its texts are
    plain (no character reference but the five named ones, no carriage return). The
    matches never overlap and each starts after the last, so they cover the content
    (less its trailing white space) exactly when their lengths add up to it.
    """
    if "\r" in content or ("&" in content and _OTHER_REFERENCE.search(content)):
        raise _Unfamiliar
    cells = _CELL.findall(content)
    if sum([len(cell[0]) for cell in cells]) != len(content.rstrip()):
        raise _Unfamiliar
    return cells


def scan_sheet(handle: IO[bytes], feed: Callable[[bytes], None], take_row: Callable[[int, list], bool]) -> None:
    """Stream a worksheet part: rows of the common forms to ``take_row(row, cells)``, every other byte to ``feed``.

    ``feed`` is the XML parser's (it sees the part whole, minus the rows taken here, and
    must be closed by the caller); ``take_row`` gets the row's number and its cells as
    :func:`_row_cells` gives them (texts still to be passed through :func:`plain_text`);
    it keeps all of them and answers True, or keeps none and answers False (the row then
    goes to the parser).
    """
    head = b""
    while True:  # the part's head, as bytes, up to and including <sheetData>
        chunk = handle.read(_CHUNK)
        head += chunk
        start = head.find(b"<sheetData")
        close = head.find(b">", start) if start >= 0 else -1
        if close >= 0 or not chunk or len(head) > _LONGEST:
            break
    if close < 0 or head[start:close + 1] != b"<sheetData>" or not _plain_utf8(head[:start]):
        feed(head)  # an unusual part: the parser reads it all
        while chunk:
            chunk = handle.read(_CHUNK)
            feed(chunk)
        return
    feed(head[:close + 1])
    decoder = codecs.getincrementaldecoder("utf-8")()
    buffer, state = decoder.decode(head[close + 1:], final=not chunk), "rows"
    while True:
        if state == "rows":
            buffer, state = _take_rows(buffer, bool(chunk), feed, take_row)
        if state != "rows":
            feed(buffer.encode("utf-8"))
            buffer = ""
        if not chunk:
            return
        chunk = handle.read(_CHUNK)
        buffer += decoder.decode(chunk, final=not chunk)


def _plain_utf8(head: bytes) -> bool:
    """The part is UTF-8 (declared so, or not declared) in the main namespace: only then are its rows read here."""
    start = head.decode("utf-8", "ignore").lstrip("\ufeff")
    declaration = _DECLARATION.match(start)
    if declaration and not re.search(r'encoding=["\'](?i:utf-8)["\']|^<\?xml(?![^>]*encoding)', declaration.group(0)):
        return False
    return start.startswith("<") and _MAIN_NAMESPACE in start


def _take_rows(buffer: str, more: bool, feed: Callable[[bytes], None], take_row: Callable[[int, list], bool]):
    """(what is left of ``buffer``, the next state) after taking its complete rows."""
    pos = 0
    while True:
        match = _ROW.match(buffer, pos)
        if match is not None:
            attributes, empty, start = match.group(1, 2) + (match.end(),)
        close = -1 if match is None or empty else buffer.find("</row>", start)
        if match is None or (close < 0 and not empty):
            rest = buffer[pos:pos + 64].lstrip()
            if rest.startswith("</sheetData>"):
                return buffer[pos:], "tail"
            if more and len(buffer) - pos < _LONGEST and (match is not None or "</row>" not in buffer[pos:pos + 4096]):
                return buffer[pos:], "rows"  # the row goes on in the next chunk
            return buffer[pos:], "parser"
        end = start if empty else close + 6
        number = _ROW_NUMBER.search(attributes)
        try:
            row = int(number.group(1)) if number is not None else 0
            if not 0 < row <= MAX_ROWS or "xmlns" in attributes:
                raise _Unfamiliar  # the parser numbers the row (or says why not)
            if not take_row(row, _row_cells(buffer[start:close]) if close >= 0 else []):
                raise _Unfamiliar
        except _Unfamiliar:
            feed(buffer[pos:end].encode("utf-8"))
        pos = end
