"""Worksheet parts written by streaming: a changed sheet passed through, a new sheet written directly.

A worksheet of a hundred thousand rows, parsed into a tree and serialised again, costs
seconds and a hundred times its size in memory. Here a changed sheet is read in chunks
and copied through: rows without a change go out as the bytes they came in, a row with
a change is cut into its cells, and only the changed cells are written anew (their
value, formula or style; every other attribute and child kept). Rows and cells a change
needs are made in order. What follows the cells (``mergeCells``, conditional formats,
``legacyDrawing``…) is patched as text in the schema's order. A sheet this careful
reading does not follow (XML comments or CDATA among the cells, rows out of order)
raises :class:`NotStreamable`, and the caller patches that sheet as a tree instead.

A sheet a command adds (Hasil Validasi, Perbaikan, Perubahan) is written row by row
from its plan (:class:`~renja_xl.edits.SheetRow`) straight into the package, never built.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable, Optional

from ..edits import CellEdit, NewSheet, SheetRow, Style
from ..snapshot import a1, col_letter, parse_a1
from .package import MAX_COLUMNS, MAX_ROWS, NS_MAIN, NS_REL, XML_DECLARATION, clip_text, xml_safe
from .sheetxml import WORKSHEET_ORDER

CHUNK = 1 << 18     # bytes read, and written, at a time: 1 MB chunks held 2 MB more at the copy's peak, for no speed
MAX_HEAD = 64 * 1024 ** 2        # what may stand before <sheetData> (cols of a whole grid are a few MB)
_TAG_BODY = rb"(?:[^>\"']|\"[^\"]*\"|'[^']*')*?"
_ATTR = re.compile(rb"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_SHEET_DATA = re.compile(rb"<(?:([\w.-]+):)?sheetData\b(" + _TAG_BODY + rb")(/?)>")
_TAB_SELECTED = re.compile(rb"(<(?:[\w.-]+:)?sheetView\b" + _TAG_BODY + rb")\s+tabSelected\s*=\s*(?:\"(?:1|true)\"|'(?:1|true)')")
_TOKEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(/?)([\w:.-]+)(" + _TAG_BODY + rb")(/?)>", re.S)
_ROW_NUMBER = re.compile(rb"\s+r=\"(\d{1,7})\"")   # a row's start tag whose first attribute is its number
_CELL_REF = re.compile(rb"(?:^|\s)r\s*=\s*([\"'])([A-Za-z]{1,3})(\d{1,7})\1")
_COLUMN_NUMBERS: dict = {}
_REL_PREFIX = re.compile(rb"xmlns:([\w.-]+)\s*=\s*[\"']" + re.escape(NS_REL.encode()) + rb"[\"']")

# CT_Worksheet's children in the order the schema requires
_ORDER = {name: i for i, name in enumerate(WORKSHEET_ORDER)}


class NotStreamable(Exception):
    """A worksheet part the streaming patcher does not follow; ``part`` is patched as a tree instead."""

    def __init__(self, part: str, why: str):
        super().__init__(f"{part}: {why}")
        self.part = part


# --- text -------------------------------------------------------------------------------------


_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff&<>]")


def esc_text(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(text: str) -> str:
    return esc_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _attrs(body: bytes) -> list:
    """A start tag's attributes as [(name, raw value as written, between double quotes)]."""
    out = []
    for m in _ATTR.finditer(body):
        value = m.group(2) if m.group(2) is not None else m.group(3).replace(b'"', b"&quot;")
        out.append((m.group(1), value))
    return out


def _get(attrs: list, name: bytes) -> Optional[bytes]:
    for key, value in attrs:
        if key == name:
            return value
    return None


def _set(attrs: list, name: bytes, value: Optional[bytes]) -> list:
    out = [(k, v) for k, v in attrs if k != name]
    if value is not None:
        out.append((name, value))
    return out


def _tag(prefix: bytes, name: bytes, attrs: list, close: bytes = b">") -> bytes:
    return b"<" + prefix + name + b"".join(b" " + k + b'="' + v + b'"' for k, v in attrs) + close


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8")
    if "&" in text:
        import html

        text = html.unescape(text)
    return text


# --- a cell's value -----------------------------------------------------------------------------

_NUM_ERROR = object()


def _finite(value) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int past the largest double
        return False


def value_xml(value, formula: Optional[str], p: str = "") -> tuple[Optional[str], str]:
    """(the cell's ``t``, its children) for a value or a formula with its cached value.

    The same rules as :meth:`renja_xl.io.sheetxml.SheetCells.set_value`: text is always
    text (inline, never a formula), text past 32,767 characters is cut with an ellipsis,
    a number no cell holds is left out of a formula's cached value or written as ``#NUM!``.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not _finite(value):
        value = None if formula is not None else _NUM_ERROR
    parts = []
    kind = None
    if formula is not None:
        parts.append(f"<{p}f>{esc_text(formula[1:] if formula.startswith('=') else formula)}</{p}f>")
    if value is None or value == "":
        if formula is not None and value == "":
            kind = "str"
            parts.append(f"<{p}v></{p}v>")
    elif isinstance(value, bool):
        kind = "b"
        parts.append(f"<{p}v>{'1' if value else '0'}</{p}v>")
    elif value is _NUM_ERROR:
        kind = "e"
        parts.append(f"<{p}v>#NUM!</{p}v>")
    elif isinstance(value, (int, float)):
        parts.append(f"<{p}v>{repr(float(value)) if isinstance(value, float) else str(value)}</{p}v>")
    elif formula is not None:
        kind = "str"
        parts.append(f"<{p}v>{esc_text(clip_text(str(value)))}</{p}v>")
    else:
        kind = "inlineStr"
        text = clip_text(xml_safe(str(value)))
        space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
        parts.append(f"<{p}is><{p}t{space}>{esc_text(text)}</{p}t></{p}is>")
    return kind, "".join(parts)


# --- a changed sheet, streamed through ----------------------------------------------------------


@dataclass
class SheetPlan:
    """What changes in one existing worksheet."""

    edits: dict = field(default_factory=dict)         # row -> {col: CellEdit}
    conditional: list = field(default_factory=list)   # ConditionalColour
    notes: dict = field(default_factory=dict)         # "E13" -> text
    unselect: bool = False                            # drop tabSelected (another sheet is the one shown)

    @classmethod
    def of(cls, edits: Iterable[CellEdit], conditional: Iterable = (), unselect: bool = False) -> "SheetPlan":
        plan = cls(conditional=list(conditional), unselect=unselect)
        for e in edits:
            plan.edits.setdefault(e.row, {})[e.col] = e
            if e.note:
                plan.notes[e.address] = e.note
        return plan


class _Source:
    """A part's bytes in chunks, with the chunk boundaries hidden where a pattern must match whole."""

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self.eof = False

    def read(self) -> bytes:
        if self.eof:
            return b""
        chunk = self.handle.read(CHUNK)
        if not chunk:
            self.eof = True
        return chunk


_UNFOLLOWED = (b"<!", b"<?")


def _check_plain(part: str, data: bytes, start: int = 0) -> None:
    for marker in _UNFOLLOWED:
        if data.find(marker, start) >= 0:
            raise NotStreamable(part, "comment, CDATA or processing instruction among the cells")


class SheetStreamer:
    """One pass over a worksheet part, writing the changed sheet into ``write``."""

    def __init__(self, part: str, plan: SheetPlan, style_of_edit: Callable[[int, Style], int],
                 tail_hook: Optional[Callable[[Optional[str]], Optional[str]]] = None,
                 conditional_xml: Optional[Callable[[int, set, str], tuple[bytes, int]]] = None):
        self.part = part
        self.plan = plan
        self.derive = style_of_edit            # (base xf, style) -> xf
        self.tail_hook = tail_hook             # legacy drawing id found -> relationship id to name instead
        self.conditional_xml = conditional_xml  # (first free priority, sqrefs coloured already) -> (blocks, next)
        self.prefix = b""
        self.col_styles: list = []
        self.released: dict = {}               # shared formula si -> (origin, text)
        self.release_until = 0
        self._cell_re = None

    # --- head ------------------------------------------------------------------------------

    def _head(self, source: _Source) -> tuple[bytes, bytes, bool]:
        """(the part up to and including the <sheetData> start tag, what follows it, whether sheetData is empty)."""
        buf = b""
        while True:
            chunk = source.read()
            buf += chunk
            m = _SHEET_DATA.search(buf)
            if m is not None:
                break
            if not chunk:
                raise NotStreamable(self.part, "no sheetData")
            if len(buf) > MAX_HEAD:
                raise NotStreamable(self.part, "a head larger than any real sheet's")
        head, rest = buf[:m.end()], buf[m.end():]
        declaration = head.find(b"?>") + 2 if head.startswith(b"<?") else 0
        _check_plain(self.part, head[:m.start()], declaration)
        self.prefix = (m.group(1) + b":") if m.group(1) else b""
        self._read_cols(head)
        self.rel_prefix = None
        rel = _REL_PREFIX.search(head)
        if rel is not None:
            self.rel_prefix = rel.group(1)
        empty = m.group(3) == b"/"
        if empty:  # <sheetData/> opens here and closes after the new rows
            head = head[:m.start()] + b"<" + self.prefix + b"sheetData" + m.group(2).rstrip() + b">"
        if self.plan.unselect:
            head = _TAB_SELECTED.sub(rb"\1", head)
        head = self._fit_dimension(head)
        return head, rest, empty

    def _read_cols(self, head: bytes) -> None:
        p = re.escape(self.prefix)
        for m in re.finditer(rb"<" + p + rb"col\b(" + _TAG_BODY + rb")/?>", head):
            attrs = _attrs(m.group(1))
            style = _get(attrs, b"style")
            if style is None:
                continue
            try:
                self.col_styles.append((int(_get(attrs, b"min") or 0), int(_get(attrs, b"max") or 0), int(style)))
            except ValueError:
                continue

    def _fit_dimension(self, head: bytes) -> bytes:
        """``<dimension ref>`` covering the cells a change makes (Excel trusts it for the used range)."""
        made = [(r, c) for r, cols in self.plan.edits.items() for c in cols]
        if not made:
            return head
        p = re.escape(self.prefix)
        m = re.search(rb"<" + p + rb"dimension\b(" + _TAG_BODY + rb")/?>", head)
        if m is None:
            return head
        ref = _get(_attrs(m.group(1)), b"ref")
        top, left = min(r for r, _ in made), min(c for _, c in made)
        bottom, right = max(r for r, _ in made), max(c for _, c in made)
        try:
            for piece in (ref or b"").decode("ascii").split(":"):
                if piece:
                    r, c = parse_a1(piece.replace("$", ""))
                    if not (1 <= r <= MAX_ROWS and 1 <= c <= MAX_COLUMNS):
                        raise ValueError(piece)
                    top, left, bottom, right = min(top, r), min(left, c), max(bottom, r), max(right, c)
        except (ValueError, UnicodeDecodeError):
            return head[:m.start()] + head[m.end():]  # a dimension no grid has: left out (it is optional)
        new = a1(top, left) if (top, left) == (bottom, right) else f"{a1(top, left)}:{a1(bottom, right)}"
        element = _tag(self.prefix, b"dimension", [(b"ref", new.encode())], b"/>")
        return head[:m.start()] + element + head[m.end():]

    # --- rows ------------------------------------------------------------------------------

    def _more(self, source: "_Source") -> bytes:
        """The next chunk of the rows; a part that ends before its ``</sheetData>`` is no sheet to stream."""
        chunk = source.read()
        if not chunk:
            raise NotStreamable(self.part, "no end of sheetData")
        return chunk

    def run(self, handle: BinaryIO, write: Callable[[bytes], None]) -> None:
        source = _Source(handle)
        head, buf, empty = self._head(source)
        write(head)
        p = self.prefix
        pending = sorted(self.plan.edits)
        if empty:  # <sheetData/>: it opens and closes around the new rows
            write(b"".join(self._new_row(r) for r in pending) + b"</" + p + b"sheetData>")
            write(self._tail(buf + self._rest(source)))
            return
        end_tag = b"</" + p + b"sheetData>"
        row_re = re.compile(rb"<" + re.escape(p) + rb"row\b(" + _TAG_BODY + rb")(/?)>")
        pi = 0
        last_r = 0
        checked = 0
        while True:
            end = buf.find(end_tag, max(0, checked - len(end_tag)))
            busy = pi < len(pending) or self.release_until > last_r
            if not busy and end < 0:  # nothing left to change: the rest goes out as it came, unread
                if len(buf) > len(end_tag):
                    write(buf[:-len(end_tag)])
                    buf = buf[-len(end_tag):]
                checked, buf = len(buf), buf + self._more(source)
                continue
            limit = end if end >= 0 else len(buf)
            _check_plain(self.part, buf[:limit], max(0, checked - 1) if busy else limit)
            starts = list(row_re.finditer(buf, 0, limit))
            if end < 0 and len(starts) < 2:
                checked, buf = len(buf), buf + self._more(source)
                continue
            complete = starts if end >= 0 else starts[:-1]
            out = []
            copy_from = 0
            for i, m in enumerate(complete):
                seg_end = complete[i + 1].start() if i + 1 < len(complete) else (limit if end >= 0 else starts[-1].start())
                number = _ROW_NUMBER.match(m.group(1))   # the common form; the attributes are read for a changed row
                attrs = None if number else _attrs(m.group(1))
                r_text = number.group(1) if number else _get(attrs, b"r")
                try:
                    r = int(r_text) if r_text is not None else last_r + 1
                except ValueError:
                    raise NotStreamable(self.part, "a row number that is not a number") from None
                if r <= last_r or r > MAX_ROWS:
                    raise NotStreamable(self.part, "rows out of order")
                last_r = r
                new_rows = []
                while pi < len(pending) and pending[pi] < r:
                    new_rows.append(self._new_row(pending[pi]))
                    pi += 1
                edited = pi < len(pending) and pending[pi] == r
                if edited:
                    pi += 1
                if not edited and not new_rows and not (self.released and r <= self.release_until):
                    continue
                out.append(buf[copy_from:m.start()])
                out.extend(new_rows)
                if edited or (self.released and r <= self.release_until):
                    attrs = attrs if attrs is not None else _attrs(m.group(1))
                    out.append(self._row(r, attrs, m, buf[m.start():seg_end], self.plan.edits.get(r, {})))
                else:
                    out.append(buf[m.start():seg_end])
                copy_from = seg_end
            if end >= 0:
                out.append(buf[copy_from:end])
                out.extend(self._new_row(r) for r in pending[pi:])
                write(b"".join(out))
                write(self._tail(buf[end:] + self._rest(source)))
                return
            cut = starts[-1].start()
            out.append(buf[copy_from:cut])
            write(b"".join(out))
            buf = buf[cut:]
            chunk = source.read()
            checked = len(buf)
            buf += chunk
            if not chunk and buf.find(end_tag) < 0:
                raise NotStreamable(self.part, "no end of sheetData")

    @staticmethod
    def _rest(source: _Source) -> bytes:
        parts = []
        while True:
            chunk = source.read()
            if not chunk:
                return b"".join(parts)
            parts.append(chunk)

    def _style_of(self, row_attrs: Optional[list], col: int) -> int:
        if row_attrs is not None and _get(row_attrs, b"customFormat") in (b"1", b"true") and _get(row_attrs, b"s"):
            try:
                return int(_get(row_attrs, b"s"))
            except ValueError:
                pass
        for low, high, style in self.col_styles:
            if low <= col <= high:
                return style
        return 0

    def _new_row(self, r: int) -> bytes:
        p = self.prefix
        cells = b"".join(self._new_cell(r, c, e, None) for c, e in sorted(self.plan.edits[r].items()))
        return b"<" + p + b'row r="' + str(r).encode() + b'">' + cells + b"</" + p + b"row>"

    def _new_cell(self, r: int, c: int, e: CellEdit, row_attrs: Optional[list]) -> bytes:
        base = self._style_of(row_attrs, c)
        xf = self.derive(base, e.style) if not e.style.is_plain else base
        attrs = [(b"r", a1(r, c).encode())]
        if xf:
            attrs.append((b"s", str(xf).encode()))
        if e.keep_value:
            return _tag(self.prefix, b"c", attrs, b"/>")
        kind, inner = value_xml(e.value, e.formula, self.prefix.decode())
        if kind:
            attrs.append((b"t", kind.encode()))
        if not inner:
            return _tag(self.prefix, b"c", attrs, b"/>")
        return _tag(self.prefix, b"c", attrs) + inner.encode() + b"</" + self.prefix + b"c>"

    def _row(self, r: int, attrs: list, start: re.Match, segment: bytes, edits: dict) -> bytes:
        p = self.prefix
        tag_len = start.end() - start.start()
        if start.group(2) == b"/":
            inner, after = b"", segment[tag_len:]
        else:
            close = segment.rfind(b"</" + p + b"row>")
            if close < 0:
                raise NotStreamable(self.part, "a row without its end")
            inner, after = segment[tag_len:close], segment[close:]
        if self._cell_re is None:
            self._cell_re = re.compile(rb"<" + re.escape(p) + rb"c\b(" + _TAG_BODY + rb")(?:/>|>(.*?)</" + re.escape(p)
                                       + rb"c>)", re.S)
        todo = dict(edits)
        out = []
        pos = 0
        col = 0
        for m in self._cell_re.finditer(inner):
            ref = _CELL_REF.search(m.group(1))
            if ref is not None:
                letters, digits = ref.group(2), ref.group(3)
                c = _COLUMN_NUMBERS.get(letters)
                if c is None:
                    try:
                        c = _COLUMN_NUMBERS[letters] = parse_a1(letters.decode("ascii") + "1")[1]
                    except (ValueError, UnicodeDecodeError):
                        raise NotStreamable(self.part, "a cell reference out of the grid") from None
                if int(digits) != r:
                    raise NotStreamable(self.part, "a cell in another row than its own")
            else:
                c = col + 1
            if c <= col:
                raise NotStreamable(self.part, "cells out of order")
            col = c
            out.append(inner[pos:m.start()])
            pos = m.end()
            for new_col in sorted(k for k in todo if k < c):
                out.append(self._new_cell(r, new_col, todo.pop(new_col), attrs))
            edit = todo.pop(c, None)
            if edit is None:
                out.append(self._shared_user(r, c, m) if self.released else m.group(0))
                continue
            out.append(self._changed_cell(r, c, _attrs(m.group(1)), m.group(2), edit, attrs))
            if not todo and not self.released:
                break   # the rest of the row goes out as it came, as a row without a change does
        out.append(inner[pos:])
        for new_col in sorted(todo):
            out.append(self._new_cell(r, new_col, todo[new_col], attrs))
        if edits:
            attrs = self._spans(attrs, edits)
        close_tag = after if after.startswith(b"</") else b"</" + p + b"row>" + after
        return _tag(p, b"row", attrs) + b"".join(out) + close_tag

    @staticmethod
    def _spans(attrs: list, edits: dict) -> list:
        spans = _get(attrs, b"spans")
        if not spans or b":" not in spans:
            return attrs
        try:
            low, high = (int(x) for x in spans.split(b":")[:2])
        except ValueError:
            return _set(attrs, b"spans", None)
        low, high = min([low, *edits]), max([high, *edits])
        return [(k, f"{low}:{high}".encode() if k == b"spans" else v) for k, v in attrs]

    def _changed_cell(self, r: int, c: int, attrs: list, inner: Optional[bytes], edit: CellEdit,
                      row_attrs: list) -> bytes:
        own = _get(attrs, b"s")
        try:
            base = int(own) if own else self._style_of(row_attrs, c)
        except ValueError:
            base = 0
        if not edit.style.is_plain:
            attrs = _set(attrs, b"s", str(self.derive(base, edit.style)).encode())
        elif base and not own:  # a cell keeps the look its row or column gave it
            attrs = _set(attrs, b"s", str(base).encode())
        p = self.prefix
        attrs = [(b"r", a1(r, c).encode())] + [(k, v) for k, v in attrs if k != b"r"]
        if edit.keep_value:
            if inner is None:
                return _tag(p, b"c", attrs, b"/>")
            return _tag(p, b"c", attrs) + inner + b"</" + p + b"c>"
        kept = b""
        if inner:
            self._note_release(r, c, inner)
            child = re.compile(rb"<" + re.escape(p) + rb"(f|v|is)\b" + _TAG_BODY + rb"(?:/>|>.*?</" + re.escape(p)
                               + rb"\1>)", re.S)
            kept = child.sub(b"", inner).strip()
        for name in (b"t", b"cm", b"vm"):
            attrs = _set(attrs, name, None)
        kind, content = value_xml(edit.value, edit.formula, p.decode())
        if kind:
            attrs.append((b"t", kind.encode()))
        body = content.encode() + kept
        if not body:
            return _tag(p, b"c", attrs, b"/>")
        return _tag(p, b"c", attrs) + body + b"</" + p + b"c>"

    # --- shared formulas ------------------------------------------------------------------------

    def _note_release(self, r: int, c: int, inner: bytes) -> None:
        """An overwritten cell that held a shared formula's text: the cells leaning on it get it in full."""
        p = re.escape(self.prefix)
        m = re.search(rb"<" + p + rb"f\b(" + _TAG_BODY + rb")>(.*?)</" + p + rb"f>", inner, re.S)
        if m is None:
            return
        attrs = _attrs(m.group(1))
        if _get(attrs, b"t") != b"shared" or _get(attrs, b"si") is None or _get(attrs, b"ref") is None:
            return
        text = _unescape(m.group(2)).strip()
        if not text:
            return
        try:
            last = max(parse_a1(piece)[0] for piece in _get(attrs, b"ref").decode("ascii").split(":"))
        except (ValueError, UnicodeDecodeError):
            return
        self.released[_get(attrs, b"si")] = (a1(r, c), text)
        self.release_until = max(self.release_until, last)

    def _shared_user(self, r: int, c: int, m: re.Match) -> bytes:
        inner = m.group(2)
        if not inner or b"shared" not in inner:
            return m.group(0)
        p = re.escape(self.prefix)
        f = re.search(rb"<" + p + rb"f\b(" + _TAG_BODY + rb")(?:/>|>(.*?)</" + p + rb"f>)", inner, re.S)
        if f is None:
            return m.group(0)
        f_attrs = _attrs(f.group(1))
        si = _get(f_attrs, b"si")
        if _get(f_attrs, b"t") != b"shared" or si not in self.released or _get(f_attrs, b"ref") is not None:
            return m.group(0)
        from openpyxl.formula.translate import Translator  # the io layer's formula mover

        origin, text = self.released[si]
        moved = Translator("=" + text, origin=origin).translate_formula(a1(r, c))[1:]
        kept = [(k, v) for k, v in f_attrs if k not in (b"t", b"si", b"ref")]
        element = _tag(self.prefix, b"f", kept) + esc_text(moved).encode() + b"</" + self.prefix + b"f>"
        new_inner = inner[:f.start()] + element + inner[f.end():]
        return m.group(0)[:m.start(2) - m.start()] + new_inner + m.group(0)[m.end(2) - m.start():]

    # --- after the cells ------------------------------------------------------------------------

    def _tail(self, tail: bytes) -> bytes:
        """What follows the cells, with conditional formats and the notes' drawing added in the schema's order."""
        children = _top_children(tail)
        insertions: list = []   # (position, bytes)
        if self.plan.conditional and self.conditional_xml is not None:
            p = self.prefix
            priorities = [int(x) for x in re.findall(rb"<" + re.escape(p) + rb"cfRule\b" + _TAG_BODY
                                                     + rb"\bpriority\s*=\s*[\"'](\d+)[\"']", tail)]
            existing = {_get(_attrs(tail[s:e]), b"sqref") for name, s, e in children
                        if name == p + b"conditionalFormatting"}
            blocks, _ = self.conditional_xml(max(priorities, default=0) + 1, existing, p.decode())
            if blocks:
                insertions.append((_insert_at(children, "conditionalFormatting", tail, self.prefix), blocks))
        if self.plan.notes and self.tail_hook is not None:
            found = next(((s, e) for name, s, e in children if name == self.prefix + b"legacyDrawing"), None)
            current = None
            if found is not None:
                current = next((v.decode() for k, v in _attrs(tail[found[0]:found[1]]) if k.endswith(b":id")), None)
            rel_id = self.tail_hook(current)
            if rel_id is not None:
                if found is not None:
                    element = tail[found[0]:found[1]]
                    element = re.sub(rb"([\w.-]+:id\s*=\s*)[\"'][^\"']*[\"']", lambda m: m.group(1) + b'"'
                                     + rel_id.encode() + b'"', element, count=1)
                    tail = tail[:found[0]] + element + tail[found[1]:]
                    children = _top_children(tail)
                else:
                    if self.rel_prefix:
                        element = _tag(self.prefix, b"legacyDrawing", [(self.rel_prefix + b":id", rel_id.encode())],
                                       b"/>")
                    else:
                        element = _tag(self.prefix, b"legacyDrawing", [(b"xmlns:r", NS_REL.encode()),
                                                                       (b"r:id", rel_id.encode())], b"/>")
                    insertions.append((_insert_at(children, "legacyDrawing", tail, self.prefix), element))
        for position, data in sorted(insertions, key=lambda x: x[0], reverse=True):
            tail = tail[:position] + data + tail[position:]
        return tail


def _top_children(tail: bytes) -> list:
    """(qualified name, start, end) of each element directly under the root, in what follows </sheetData>."""
    out = []
    depth = 0
    start = 0
    name = b""
    for m in _TOKEN.finditer(tail):
        if m.group(2) is None:
            continue
        closing, tag, selfclose = m.group(1) == b"/", m.group(2), m.group(4) == b"/"
        if closing:
            if depth == 0:
                continue   # </sheetData> first, </worksheet> last
            depth -= 1
            if depth == 0:
                out.append((name, start, m.end()))
            continue
        if depth == 0:
            name, start = tag, m.start()
            if selfclose:
                out.append((name, start, m.end()))
                continue
        if not selfclose:
            depth += 1
    return out


def _rank(qualified: bytes, start: int, end: int, tail: bytes, prefix: bytes) -> Optional[int]:
    """A root child's place in the schema's order; an ``mc:AlternateContent`` takes the place of what it wraps."""
    local = qualified[len(prefix):].decode("ascii", "replace") if qualified.startswith(prefix) else None
    if local in _ORDER:
        return _ORDER[local]
    for m in _TOKEN.finditer(tail, start + 1, end):
        if m.group(2) is not None and not m.group(1):
            name = m.group(2).rsplit(b":", 1)[-1].decode("ascii", "replace")
            if name in _ORDER:
                return _ORDER[name]
    return None


def _insert_at(children: list, name: str, tail: bytes, prefix: bytes) -> int:
    """Where a new child ``name`` goes: before the first child the schema puts after it, else before the root's end."""
    rank = _ORDER[name]
    for qualified, start, end in children:
        other = _rank(qualified, start, end, tail, prefix)
        if other is not None and other > rank:
            return start
    return tail.rfind(b"</")


# --- a new sheet, written row by row ------------------------------------------------------------


_PLAIN_STYLE = Style()


def rows_of_cells(cells: list) -> Iterable[SheetRow]:
    """A plan's cells as rows (for a sheet given by cells): values, styles and the link of each row."""
    by_row: dict = {}
    for e in cells:
        by_row.setdefault(e.row, {})[e.col] = e
    for row in sorted(by_row):
        cols = by_row[row]
        width = max(cols)
        values = tuple(cols[c].value if c in cols else None for c in range(1, width + 1))
        styles = tuple(cols[c].style if c in cols else Style() for c in range(1, width + 1))
        link = next(((c, e.link) for c, e in sorted(cols.items()) if e.link), None)
        yield SheetRow(row, values, styles, link)


def wrapped_height(line: SheetRow, widths: dict) -> Optional[float]:
    """The height a row of a new sheet needs for its wrapped cells (None: one line)."""
    from ..rowheight import row_points

    cells = [(value, widths.get(col, 8.43), style.bold)
             for col, (value, style) in enumerate(zip(line.values, line.styles), start=1)
             if style.wrap and value not in (None, "")]
    return row_points(cells) if cells else None


class _LinkSpool:
    """A new sheet's ``<hyperlink>`` elements, kept compressed as its rows make them: they are written after all
    of ``sheetData`` (the schema's order), and the results sheet of a large check links 17,000 findings (4 MB
    held as texts until the end)."""

    def __init__(self) -> None:
        self.count = 0
        self._compressor = zlib.compressobj(1)
        self._compressed: list[bytes] = []
        self._pending: list[str] = []

    def add(self, ref: str, location: str, display) -> None:
        self._pending.append(f'<hyperlink ref="{ref}" location="{esc_attr(location)}" '
                             f'display="{esc_attr(clip_text(str(display or location)))}"/>')
        self.count += 1
        if len(self._pending) >= 256:
            self._compress()

    def _compress(self) -> None:
        if self._pending:
            self._compressed.append(self._compressor.compress("".join(self._pending).encode()))
            self._pending = []

    def write_to(self, write: Callable[[bytes], None]) -> None:
        """Write every element, in the order added, a chunk at a time."""
        self._compress()
        self._compressed.append(self._compressor.flush())
        inflater = zlib.decompressobj()
        for part in self._compressed:
            while part:
                data = inflater.decompress(part, CHUNK)
                part = inflater.unconsumed_tail
                if data:
                    write(data)
        rest = inflater.flush()
        if rest:
            write(rest)
        self._compressed = []


def write_new_sheet(sheet: NewSheet, xf_of: Callable[[Style], int], write: Callable[[bytes], None],
                    selected: bool = True) -> None:
    """The worksheet part of a sheet a command adds, written as it is made (``selected``: the sheet shown)."""
    rows = sheet.rows() if sheet.rows is not None else rows_of_cells(sheet.cells)
    rows = iter(rows)
    head = [XML_DECLARATION.decode(), f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">', "<sheetPr>"]
    if sheet.outline_above:
        head.append('<outlinePr summaryBelow="0"/>')
    head.append('<pageSetUpPr fitToPage="1"/></sheetPr>')
    if sheet.autofilter:
        head.append(f'<dimension ref="A1:{sheet.autofilter.split(":")[-1]}"/>')
    head.append("<sheetViews><sheetView" + (' tabSelected="1"' if selected else "") + ' workbookViewId="0">')
    if sheet.freeze_rows:
        top = f"A{sheet.freeze_rows + 1}"
        head.append(f'<pane ySplit="{sheet.freeze_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
                    f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>')
    head.append("</sheetView></sheetViews>")
    head.append('<sheetFormatPr defaultRowHeight="15"' + (' outlineLevelRow="1"' if sheet.outline_above else "") + "/>")
    if sheet.widths:
        head.append("<cols>" + "".join(f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'
                                       for c, w in sorted(sheet.widths.items())) + "</cols>")
    head.append("<sheetData>")
    write("".join(head).encode())
    links = _LinkSpool()
    by_id: dict = {}      # id(styles of a row) -> the s="n" of each column (rows share a few tuples of styles)
    by_value: dict = {}
    kept = []             # what by_id names stays alive, so that no id is reused
    letters = [col_letter(c) for c in range(1, 65)]
    batch = []
    size = 0
    measure = sheet.rows is None

    def s_of(style: Style) -> str:
        s = by_value.get(style)
        if s is None:
            xf = xf_of(style) if not style.is_plain else 0
            s = by_value[style] = f' s="{xf}"' if xf else ""
        return s

    for line in rows:
        number = line.row
        attrs = f'r="{number}"'
        height = line.height if not measure else wrapped_height(line, sheet.widths)
        if height:
            attrs += f' ht="{height:g}" customHeight="1"'
        if line.level:
            attrs += f' outlineLevel="{line.level}"'
        if line.hidden:
            attrs += ' hidden="1"'
        if line.collapsed:
            attrs += ' collapsed="1"'
        values = line.values
        s_list = by_id.get(id(line.styles))
        if s_list is None or len(s_list) < len(values):
            s_list = [s_of(st) for st in line.styles] + [""] * max(0, len(values) - len(line.styles))
            # an empty cell is written only where a fill shows on it
            s_list = [(s, style.fill is not None) for s, style in zip(s_list, list(line.styles) + [_PLAIN_STYLE] * 64)]
            by_id[id(line.styles)] = s_list
            kept.append(line.styles)
        cells = []
        link_col = line.link[0] if line.link is not None else 0
        for index, value in enumerate(values):
            s, filled = s_list[index]
            ref = f"{letters[index] if index < 64 else col_letter(index + 1)}{number}"
            if value is None or value == "":
                if filled:
                    cells.append(f'<c r="{ref}"{s}/>')
                continue
            if type(value) is str and "\n" not in value and len(value) < 32767 and value == value.strip():
                cells.append(f'<c r="{ref}"{s} t="inlineStr"><is><t>{esc_text(value)}</t></is></c>')
            elif type(value) is int:
                cells.append(f'<c r="{ref}"{s}><v>{value}</v></c>')
            else:
                kind, inner = value_xml(value, None)
                t = f' t="{kind}"' if kind else ""
                cells.append(f'<c r="{ref}"{s}{t}>{inner}</c>')
            if link_col == index + 1:
                links.add(ref, line.link[1], value)
        if link_col > len(values):
            links.add(f"{col_letter(link_col)}{number}", line.link[1], line.link[1])
        text = f"<row {attrs}>{''.join(cells)}</row>"
        batch.append(text)
        size += len(text)
        if size > CHUNK:
            write("".join(batch).encode())
            batch, size = [], 0
    batch.append("</sheetData>")
    if sheet.autofilter:
        batch.append(f'<autoFilter ref="{sheet.autofilter}"/>')
    if links.count:
        batch.append("<hyperlinks>")
        write("".join(batch).encode())
        batch = []
        links.write_to(write)
        batch.append("</hyperlinks>")
    batch.append('<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
    batch.append(f'<pageSetup paperSize="9" orientation="{"landscape" if sheet.landscape else "portrait"}" '
                 'fitToWidth="1" fitToHeight="0"/>')
    batch.append("</worksheet>")
    write("".join(batch).encode())
