"""Notes (Excel's classic cell comments) added to a worksheet inside a package.

A note is two things in a package: its text in a comments part and its box, a VML
shape, in the sheet's legacy drawing. A sheet has one legacy drawing, which may already
hold the user's notes or form buttons: new shapes are appended to it (as text, since
VML written by Excel is not always well-formed XML) with ids no other drawing uses.
A cell that already has a note keeps the user's text; ours follows it.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Iterable, Iterator, Optional
from xml.etree import ElementTree as ET

from ..snapshot import parse_a1
from .package import MAX_TEXT, NS_MAIN, Package, clip_text, qn, xml_safe
from .sheetxml import legacy_drawing_id, set_legacy_drawing

COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_SHAPE_ID = re.compile(rb"_x0000_s(\d+)")
_IDMAP = re.compile(rb'(<(?:[\w-]+:)?idmap\b[^>]*\bdata=")([^"]*)(")')
_VML_ROOT = re.compile(rb"<xml\b[^>]*>", re.I)
_VML_NAMESPACES = ((b"v", b"urn:schemas-microsoft-com:vml"), (b"o", b"urn:schemas-microsoft-com:office:office"),
                   (b"x", b"urn:schemas-microsoft-com:office:excel"))
_SHAPETYPE_202 = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
_VML_HEAD = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
             'xmlns:x="urn:schemas-microsoft-com:office:excel">'
             '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>')


def _m(tag: str) -> str:
    return qn(NS_MAIN, tag)


def _shape(shape_id: int, row: int, col: int, lines: int) -> str:
    height = min(4 + 2 * lines, 24)
    anchor = f"{col}, 15, {max(row - 2, 0)}, 10, {col + 6}, 15, {max(row - 2, 0) + height}, 4"
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;'
        f'margin-top:2pt;width:420pt;height:{12 * height}pt;z-index:{shape_id % 1024};visibility:hidden" '
        'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
        '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
        f'<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor>'
        f'<x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column></x:ClientData>'
        '</v:shape>'
    )


def used_shape_ids(package: Package) -> set:
    """Every VML shape id the package's drawings use (read once per copy, then kept up to date by add_notes)."""
    ids = set()
    for part in package.order:
        if part.lower().endswith(".vml") and part in package:
            ids.update(int(x) for x in _SHAPE_ID.findall(package.read(part)))
    return ids


def add_notes(package: Package, sheet_part: str, sheet_root: ET.Element, notes: dict, author: str,
              used_ids: set) -> None:
    """Add ``{A1 address: text}`` as notes on the sheet of ``sheet_part`` (a parsed tree); ``used_ids`` gains the
    new shapes' ids."""
    rel_id = write_notes(package, sheet_part, notes, author, used_ids, legacy_drawing_id(sheet_root))
    if rel_id is not None:
        set_legacy_drawing(sheet_root, rel_id)


def write_notes(package: Package, sheet_part: str, notes: dict, author: str, used_ids: set,
                legacy_id: Optional[str]) -> Optional[str]:
    """Add ``{A1 address: text}`` as notes on the sheet of ``sheet_part``, whose ``<legacyDrawing>`` names
    ``legacy_id`` (None: it has none); the relationship id the sheet's ``<legacyDrawing>`` must name now, or None
    when it stays as it is.

    A sheet without notes of its own gets its comments part written directly, never built
    as a tree; one with the user's notes has ours added to them.
    """
    if not notes:
        return None
    rels = {r.id: r for r in package.relationships(sheet_part)}
    comments_part = next((r.target for r in rels.values() if r.type.endswith("/comments")), None)
    if comments_part is None or comments_part not in package:
        comments_part = package.new_part_name("xl/comments{}.xml")
        package.add_relationship(sheet_part, "comments", comments_part)
        package.set_content_type(comments_part, COMMENTS_TYPE)
        package.stream(comments_part, _comments_writer(notes, author))
        new_boxes = [(address, text.count("\n") + 1) for address, text in notes.items()]
    else:
        new_boxes = _merge_comments(package, comments_part, notes, author)
    if new_boxes:
        return _add_boxes(package, sheet_part, legacy_id, rels, new_boxes, used_ids)
    return None


_BATCH = 128   # notes (or boxes) put together per write: the part is streamed, never held whole


def _batched_writer(head: bytes, pieces: Iterable[str], tail: bytes):
    """A writer (see :meth:`Package.stream`) of ``head``, the texts ``pieces`` :data:`_BATCH` at a time, ``tail``
    (``pieces`` is read when the part is written)."""
    def writer(write) -> None:
        write(head)
        left = iter(pieces)
        while batch := "".join(islice(left, _BATCH)):
            write(batch.encode())
        write(tail)

    return writer


def _comments_writer(notes: dict, author: str):
    """A writer of a new comments part holding ``notes``."""
    from .sheetstream import esc_text

    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="{NS_MAIN}"><authors>'
            f"<author>{esc_text(author)}</author></authors><commentList>")
    comments = (f'<comment ref="{address}" authorId="0"><text><r><t xml:space="preserve">'
                f"{esc_text(clip_text(xml_safe(text)))}</t></r></text></comment>" for address, text in notes.items())
    return _batched_writer(head.encode(), comments, b"</commentList></comments>")


def _merge_comments(package: Package, comments_part: str, notes: dict, author: str) -> list:
    """Our notes into the user's comments part; the cells that got a new box [(address, lines)]."""
    root = package.xml(comments_part).root
    authors = root.find(_m("authors"))
    if authors is None:
        authors = ET.Element(_m("authors"))
        root.insert(0, authors)
    names = [a.text or "" for a in authors]
    if author not in names:
        ET.SubElement(authors, _m("author")).text = author
        names.append(author)
    author_id = str(names.index(author))
    comment_list = root.find(_m("commentList"))
    if comment_list is None:
        comment_list = ET.SubElement(root, _m("commentList"))
    existing = {c.get("ref"): c for c in comment_list.findall(_m("comment"))}
    new_boxes = []
    for address, text in notes.items():
        if address in existing:  # the user's note stays; ours follows it, within what one note holds
            body = existing[address].find(_m("text"))
            if body is None:
                body = ET.SubElement(existing[address], _m("text"))
            room = MAX_TEXT - sum(len(el.text or "") for el in body.iter(_m("t")))
            if room < 3:
                continue  # the user's note is full already
            run = ET.SubElement(body, _m("r"))
            t = ET.SubElement(run, _m("t"))
            t.text = clip_text("\n\n" + xml_safe(text), room)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            continue
        comment = ET.SubElement(comment_list, _m("comment"), ref=address, authorId=author_id)
        body = ET.SubElement(comment, _m("text"))
        t = ET.SubElement(ET.SubElement(body, _m("r")), _m("t"))
        t.text = clip_text(xml_safe(text))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        new_boxes.append((address, text.count("\n") + 1))
    return new_boxes


def _add_boxes(package: Package, sheet_part: str, drawing_id: Optional[str], rels: dict, boxes: list,
               used: set) -> Optional[str]:
    block = max(used, default=1023) // 1024 + 1
    first = block * 1024 + 1
    used.update(range(first, first + len(boxes)))
    blocks = sorted({(first + i) // 1024 for i in range(len(boxes))})
    drawing = rels.get(drawing_id) if drawing_id else None
    if drawing is not None and drawing.target in package:
        vml = package.read(drawing.target)
        m = _IDMAP.search(vml)
        if m is not None:
            data = m.group(2).decode() + "".join(f",{b}" for b in blocks)
            vml = vml[:m.start(2)] + data.encode() + vml[m.end(2):]
        root = _VML_ROOT.search(vml)
        if root is not None:  # our shapes say v:, o:, x: (a drawing written by a program may use other prefixes)
            missing = b"".join(b' xmlns:%s="%s"' % (p, u) for p, u in _VML_NAMESPACES
                               if b"xmlns:" + p + b"=" not in root.group(0))
            vml = vml[:root.end() - 1] + missing + vml[root.end() - 1:]
        end = vml.lower().rfind(b"</xml>")
        if end < 0:
            raise ValueError("legacy drawing without </xml>")
        head = vml[:end] + (b"" if b"_x0000_t202" in vml else _SHAPETYPE_202.encode())
        package.stream(drawing.target, _batched_writer(head, _shapes(first, boxes), vml[end:]))
        return None
    vml_part = package.new_part_name("xl/drawings/vmlDrawing{}.vml")
    head = _VML_HEAD.format(block=",".join(str(b) for b in blocks)) + _SHAPETYPE_202
    package.stream(vml_part, _batched_writer(head.encode(), _shapes(first, boxes), b"</xml>"))
    package.ensure_default("vml", VML_TYPE)
    return package.add_relationship(sheet_part, "vmlDrawing", vml_part)


def _shapes(first: int, boxes: list) -> Iterator[str]:
    """A note's box per (address, lines) of ``boxes``, shape ids from ``first``."""
    for i, (address, lines) in enumerate(boxes):
        yield _shape(first + i, *parse_a1(address), lines)
