"""An .xlsx/.xlsm package as parts: read within limits, change a few parts, write the rest as they were.

Writing a copy this way keeps everything the product does not understand (charts,
images, shapes and form buttons, VBA, slicers, extensions): those parts are copied
byte for byte. Every XML parse goes through defusedxml; a changed part is written with
the namespace declarations of the original, so prefixes that only ``mc:Ignorable``
names (``x14ac``, ``xr``…) stay declared, as Excel requires.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Optional
from xml.etree import ElementTree as ET

from defusedxml.ElementTree import fromstring

from ..errors import InputError

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Limits:
    """What a package may hold before it is refused (a zip bomb, a sheet of millions of cells)."""

    max_members: int = 10_000
    max_total_bytes: int = 2 * 1024 ** 3        # uncompressed, all parts
    max_part_bytes: int = 512 * 1024 ** 2       # uncompressed, one part
    max_ratio: int = 200                        # uncompressed / compressed, for parts over 1 MB
    max_cells: int = 5_000_000                  # filled cells, all sheets together

    def describe(self) -> str:
        return (f"paling banyak {self.max_members} bagian, {self.max_part_bytes // 1024 ** 2} MB per bagian, "
                f"{self.max_total_bytes // 1024 ** 3} GB seluruhnya, rasio kompresi {self.max_ratio}:1")


class LimitExceeded(InputError):
    """The input is larger than a limit allows; the message names the limit."""


DEFAULT_LIMITS = Limits()

# What a grid can be (Excel's own specifications), whatever a file claims
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384                            # XFD
MAX_TEXT = 32_767                               # characters in one cell (and one note)
MAX_DEPTH = 100                                 # XML nesting; real parts stay under 20, ElementTree recurses per level


def thousands(number: int) -> str:
    """1048576 -> ``1.048.576`` (Indonesian digit grouping)."""
    return f"{number:,}".replace(",", ".")


def clip_text(text: str, limit: int = MAX_TEXT) -> str:
    """Text that fits one cell (or note): cut to ``limit`` characters, the cut shown by an ellipsis."""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


class TooDeep(Exception):
    """XML nested deeper than :data:`MAX_DEPTH`."""


def check_depth(root: ET.Element, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`TooDeep` when a tree nests deeper than ``limit`` (walked without recursion)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            raise TooDeep()
        if len(element):
            stack.extend((child, depth + 1) for child in element)


def too_deep_error(name: str, part: str) -> InputError:
    return InputError(f"Berkas '{name}' tidak sah: bagian '{part[:80]}' bersarang lebih dari {MAX_DEPTH} tingkat, "
                      "jauh melebihi buku kerja Excel mana pun; berkas ditolak.")


# The kinds of package a workbook can be, by the content type of its workbook part: (extension, macros inside)
WORKBOOK_KINDS = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
    "application/vnd.ms-excel.addin.macroEnabled.main+xml": ".xlam",
}


def workbook_extension(archive: zipfile.ZipFile) -> Optional[str]:
    """The extension Excel requires of this package (``.xlsx``, ``.xlsm``…), None when it cannot tell."""
    try:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > 16 * 1024 ** 2:
            return None
        root = fromstring(archive.read(info))
    except Exception:  # noqa: BLE001 - a package the reader accepted; no content types: Excel decides
        return None
    main = "/xl/workbook.xml"
    try:
        rels = fromstring(archive.read("_rels/.rels"))
        for rel in rels.iter(qn(NS_PKG_REL, "Relationship")):
            if rel.get("Type", "").endswith("/officeDocument"):
                main = "/" + resolve("", rel.get("Target", ""))
    except Exception:  # noqa: BLE001
        pass
    for override in root.iter(qn(NS_CT, "Override")):
        if override.get("PartName", "").lower() == main.lower():
            return WORKBOOK_KINDS.get(override.get("ContentType", "").strip())
    return None


def check_archive(archive: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a package whose members are too many, too large, too compressed or named outside it."""
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise LimitExceeded(f"Berkas '{name}' berisi {len(infos)} bagian, melebihi batas {limits.max_members}.")
    total = 0
    for info in infos:
        member = info.filename
        if member.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", member) or ":" in member:
            raise InputError(f"Berkas '{name}' memuat nama bagian yang tidak aman ('{member[:60]}'); berkas ditolak.")
        total += info.file_size
        too_big = info.file_size > limits.max_part_bytes or total > limits.max_total_bytes
        bomb = info.file_size > 1024 ** 2 and info.file_size > limits.max_ratio * max(info.compress_size, 1)
        if too_big or bomb:
            raise LimitExceeded(
                f"Berkas '{name}' terlalu besar saat dibuka (bagian '{member[:60]}' {info.file_size // 1024 ** 2} MB); "
                f"batasnya {limits.describe()}."
            )


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 cannot carry (control characters a pasted text may hold)."""
    return _NOT_XML.sub("", text)


def qn(ns: str, tag: str) -> str:
    """ElementTree's qualified name: ``{ns}tag``."""
    return f"{{{ns}}}{tag}"


_XMLNS = re.compile(rb'\sxmlns(?::([\w.-]+))?="([^"]*)"')
_ROOT_START = re.compile(rb"<(?![?!])[^>]*>", re.S)


class XmlPart:
    """One XML part, parsed safely, serialised with the original's namespace declarations."""

    def __init__(self, data: bytes, checked: bool = False):
        self.original = data
        self.root = fromstring(data)
        if not checked:  # a worksheet was streamed (and its depth checked) by the reader already
            check_depth(self.root)
        # every declaration in the part (nested ones too), so that prefixes come out as they went in
        self.declared = [(p.decode() if p else "", u.decode()) for p, u in _XMLNS.findall(data)]

    def to_bytes(self) -> bytes:
        return serialise(self.root, self.declared, self.original)


_DEFAULT_PREFIX = "rxldefault"  # a stand-in for the default namespace while ElementTree writes


def serialise(root: ET.Element, declared: list, original: bytes = b"") -> bytes:
    """A tree as XML bytes, prefixes as ``declared`` ([(prefix, uri)], '' for the default namespace).

    ElementTree cannot write a default namespace when unprefixed attributes exist (all
    of OOXML), so the default namespace is written under a stand-in prefix, then renamed.
    Declarations of the original root that the tree no longer uses are put back.
    """
    default = next((u for p, u in declared if not p), None)
    seen_uris = set()
    for prefix, uri in declared:
        if prefix and uri not in seen_uris and not re.match(r"ns\d+$", prefix):
            ET.register_namespace(prefix, uri)
            seen_uris.add(uri)
    if default:
        ET.register_namespace(_DEFAULT_PREFIX, default)
    try:
        body = ET.tostring(root, encoding="unicode").encode("utf-8")
    except RecursionError:  # ElementTree writes one level per call: a tree the depth check did not see
        raise TooDeep() from None
    if default:
        stand_in = _DEFAULT_PREFIX.encode()
        body = body.replace(b"<" + stand_in + b":", b"<").replace(b"</" + stand_in + b":", b"</")
        body = body.replace(b" xmlns:" + stand_in + b'="', b' xmlns="', 1)
        if b" " + stand_in + b":" in body:  # an attribute in the default namespace (rare): declare the stand-in too
            body = body.replace(b' xmlns="', b" xmlns:" + stand_in + b'="' + default.encode() + b'" xmlns="', 1)
    start = _ROOT_START.search(body)
    head = body[:start.end()]
    have = {p.decode() if p else "" for p, _ in _XMLNS.findall(head)}
    missing = [(p, u) for p, u in declared_on_root(original) if p not in have]
    if missing:
        extra = "".join(f' xmlns:{p}="{u}"' if p else f' xmlns="{u}"' for p, u in missing).encode()
        closing = 2 if head.endswith(b"/>") else 1
        head = head[:-closing] + extra + head[-closing:]
    return XML_DECLARATION + head + body[start.end():]


def declared_on_root(data: bytes) -> list:
    """The namespace declarations on a document's root element: [(prefix, uri)]."""
    if not data:
        return []
    root = _ROOT_START.search(data)
    if root is None:
        return []
    return [(p.decode() if p else "", u.decode()) for p, u in _XMLNS.findall(root.group(0))]


@dataclass
class Relationship:
    id: str
    type: str
    target: str
    external: bool = False


class Package:
    """The parts of a package; :meth:`save` writes changed parts and copies the rest unchanged.

    ``data`` is the package's bytes or a seekable binary file holding them (read as parts
    are needed, never whole). A part can also be given as a writer that streams it
    (:meth:`stream`): :meth:`save_to` writes the untouched parts first, then the streamed
    ones, then every part changed as bytes or as a tree (a streamed sheet may change the
    style sheet and add notes as it goes).
    """

    def __init__(self, data, name: str = "", limits: Limits = DEFAULT_LIMITS):
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data)
        except zipfile.BadZipFile:
            raise InputError(f"Berkas '{name}' rusak atau terpotong (arsip zip tidak utuh).") from None
        check_archive(self._zip, name, limits)
        self.order = [i.filename for i in self._zip.infolist()]
        self.changed: dict[str, bytes] = {}
        self.removed: set[str] = set()
        self._xml: dict[str, XmlPart] = {}
        self.streamed: dict = {}              # part -> writer(write) that streams its new content
        self.deferred: set[str] = set()       # parts a streamed part may still change: written after the streams

    # --- parts ---------------------------------------------------------------------

    def __contains__(self, part: str) -> bool:
        return part not in self.removed and (part in self.changed or part in self.order or part in self.streamed)

    def read(self, part: str) -> bytes:
        if part in self._xml:
            return self._xml[part].to_bytes()
        if part in self.changed:
            return self.changed[part]
        try:
            return self._zip.read(part)
        except KeyError:
            raise InputError(f"Berkas '{self.name}' tidak utuh: bagian '{part}' tidak ada.") from None
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as exc:
            raise InputError(f"Berkas '{self.name}' rusak: bagian '{part}' tidak dapat dibaca ({exc}).") from None

    def xml(self, part: str) -> XmlPart:
        """A part parsed for editing; it is written back on :meth:`save`."""
        if part not in self._xml:
            try:
                self._xml[part] = XmlPart(self.read(part), checked="/worksheets/" in part)
            except InputError:
                raise
            except TooDeep:
                raise too_deep_error(self.name, part) from None
            except Exception as exc:  # ParseError, defusedxml's refusals (entities, DTDs)
                raise InputError(f"Berkas '{self.name}' rusak atau tidak aman: bagian '{part}' bukan XML yang sah "
                                 f"({type(exc).__name__}).") from None
        return self._xml[part]

    def open(self, part: str):
        """A part of the original package as a binary stream (for a part too large to hold)."""
        try:
            return self._zip.open(part)
        except KeyError:
            raise InputError(f"Berkas '{self.name}' tidak utuh: bagian '{part}' tidak ada.") from None

    def stream(self, part: str, writer) -> None:
        """``part`` is written by ``writer(write)`` when the package is saved."""
        self._xml.pop(part, None)
        self.changed.pop(part, None)
        self.removed.discard(part)
        self.streamed[part] = writer

    def defer(self, part: str) -> None:
        """Write ``part`` after the streamed parts (a streamed part may change it)."""
        self.deferred.add(part)

    def is_parsed(self, part: str) -> bool:
        """Whether a part is held parsed for editing (then change it through :meth:`xml`, not bytes)."""
        return part in self._xml

    def write(self, part: str, data: bytes) -> None:
        self._xml.pop(part, None)
        self.streamed.pop(part, None)
        self.changed[part] = data
        self.removed.discard(part)

    def remove(self, part: str) -> None:
        self._xml.pop(part, None)
        self.changed.pop(part, None)
        self.streamed.pop(part, None)
        self.removed.add(part)

    def new_part_name(self, pattern: str) -> str:
        """The first free name of ``pattern`` (``xl/comments{}.xml``), counting from 1."""
        n = 1
        while pattern.format(n) in self:
            n += 1
        return pattern.format(n)

    # --- relationships ---------------------------------------------------------------

    @staticmethod
    def rels_part(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def relationships(self, part: str) -> list[Relationship]:
        rels_name = self.rels_part(part)
        if rels_name not in self:
            return []
        out = []
        for el in self.xml(rels_name).root.iter(qn(NS_PKG_REL, "Relationship")):
            external = el.get("TargetMode") == "External"
            target = el.get("Target", "")
            if not external:
                target = resolve(part, target)
            out.append(Relationship(el.get("Id", ""), el.get("Type", ""), target, external))
        return out

    def add_relationship(self, part: str, rel_type: str, target_part: str) -> str:
        """Add a relationship from ``part`` (``""``: the package) to ``target_part``; its new Id.

        ``rel_type`` is a full URI or the last word of an officeDocument one (``"worksheet"``).
        """
        rels_name = self.rels_part(part)
        if rels_name not in self:
            self.write(rels_name, XML_DECLARATION + f'<Relationships xmlns="{NS_PKG_REL}"></Relationships>'.encode())
        root = self.xml(rels_name).root
        ids = {el.get("Id") for el in root}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        rel = ET.SubElement(root, qn(NS_PKG_REL, "Relationship"))
        rel.set("Id", f"rId{n}")
        rel.set("Type", rel_type if "://" in rel_type else REL_TYPE + rel_type)
        rel.set("Target", relative(part, target_part))
        return f"rId{n}"

    def remove_relationship(self, part: str, rel_id: str) -> None:
        root = self.xml(self.rels_part(part)).root
        for el in list(root):
            if el.get("Id") == rel_id:
                root.remove(el)

    # --- content types -------------------------------------------------------------

    def set_content_type(self, part: str, content_type: Optional[str]) -> None:
        """Declare (or, with None, forget) the content type of a part by an Override."""
        root = self.xml("[Content_Types].xml").root
        name = "/" + part
        for el in list(root.iter(qn(NS_CT, "Override"))):
            if el.get("PartName", "").lower() == name.lower():
                root.remove(el)
        if content_type:
            el = ET.SubElement(root, qn(NS_CT, "Override"))
            el.set("PartName", name)
            el.set("ContentType", content_type)

    def ensure_default(self, extension: str, content_type: str) -> None:
        root = self.xml("[Content_Types].xml").root
        if any(el.get("Extension", "").lower() == extension for el in root.iter(qn(NS_CT, "Default"))):
            return
        el = ET.Element(qn(NS_CT, "Default"))
        el.set("Extension", extension)
        el.set("ContentType", content_type)
        root.insert(0, el)

    # --- writing ---------------------------------------------------------------------

    def save(self) -> bytes:
        """The package with changed parts written and the others copied as they were."""
        out = io.BytesIO()
        self.save_to(out)
        return out.getvalue()

    def save_to(self, out) -> None:
        """Write the package into the binary file ``out``: untouched parts as they were (decompressed and
        compressed again in chunks, never whole), then the streamed parts, then the parts changed as bytes or trees."""
        import shutil

        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            written = set()
            later = set(self.changed) | set(self._xml) | self.deferred | set(self.streamed)
            for part in self.order:
                if part in self.removed or part in written or part in later:
                    continue
                written.add(part)
                info = self._zip.getinfo(part)
                if not _copy_raw(self._zip, info, target):
                    with self._zip.open(info) as source, target.open(_info(part, info.compress_type), "w") as sink:
                        shutil.copyfileobj(source, sink, 1 << 20)
            # a streamed sheet may add streamed parts (its notes) while it is written: they follow it
            while pending := [p for p in self.streamed if p not in written and p not in self.removed]:
                for part in pending:
                    written.add(part)
                    with target.open(_info(part), "w") as sink:
                        self.streamed[part](sink.write)
            # written: the writers go (they refer back to this package, a cycle holding the copy's plan, its marks
            # and notes, until a collection; let go here, all is freed as soon as the package is)
            self.streamed.clear()
            for part, xml in list(self._xml.items()):
                if part in self.changed or part in self.order:
                    try:
                        self.changed[part] = xml.to_bytes()
                    except TooDeep:
                        raise too_deep_error(self.name, part) from None
            self._xml.clear()
            rest = [p for p in self.order if p not in written] + [p for p in self.changed if p not in self.order]
            for part in rest:
                if part in written or part in self.removed:
                    continue
                written.add(part)
                if part in self.changed:
                    target.writestr(_info(part), self.changed[part])
                elif part in self.order:
                    info = self._zip.getinfo(part)
                    with self._zip.open(info) as source, target.open(_info(part, info.compress_type), "w") as sink:
                        shutil.copyfileobj(source, sink, 1 << 20)


WRITE_LEVEL = 1   # zlib level of the parts a copy writes: a third of level 6's time, a quarter more bytes


def _info(part: str, compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compress_type
    for attribute in ("compress_level", "_compresslevel"):   # Python 3.13+, before
        try:
            setattr(info, attribute, WRITE_LEVEL)
            break
        except AttributeError:
            continue
    return info


def _copy_raw(source: zipfile.ZipFile, info: zipfile.ZipInfo, target: zipfile.ZipFile) -> bool:
    """Copy a member's compressed bytes as they are (no inflating, no deflating); False when it cannot be done
    that way (the caller copies it through zlib then).

    zipfile has no public call for it: the member's local header is written anew (sizes
    and CRC known, no data descriptor) and the member is registered as ``writestr`` does.
    """
    import struct

    fp = getattr(source, "fp", None)
    out = getattr(target, "fp", None)
    if fp is None or out is None or info.flag_bits & 0x1 or getattr(target, "_writing", False) \
            or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or not hasattr(target, "start_dir"):
        return False
    try:
        fp.seek(info.header_offset)
        header = fp.read(zipfile.sizeFileHeader)
        if len(header) != zipfile.sizeFileHeader or header[:4] != zipfile.stringFileHeader:
            return False
        fields = struct.unpack(zipfile.structFileHeader, header)
        name_length, extra_length = fields[zipfile._FH_FILENAME_LENGTH], fields[zipfile._FH_EXTRA_FIELD_LENGTH]
        fp.seek(info.header_offset + zipfile.sizeFileHeader + name_length + extra_length)
        new = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
        new.compress_type = info.compress_type
        new.CRC, new.compress_size, new.file_size = info.CRC, info.compress_size, info.file_size
        new.flag_bits = info.flag_bits & 0x800        # UTF-8 names kept; no data descriptor, no other option
        new.external_attr = info.external_attr
        out.seek(target.start_dir)
        new.header_offset = out.tell()
        out.write(new.FileHeader())
        left = info.compress_size
        while left:
            block = fp.read(min(left, 1 << 20))
            if not block:
                raise EOFError("member shorter than its size")
            out.write(block)
            left -= len(block)
        target.start_dir = out.tell()
        target.filelist.append(new)
        target.NameToInfo[new.filename] = new
        target._didModify = True
        return True
    except (OSError, EOFError, struct.error, AttributeError, ValueError):
        raise InputError("Berkas rusak: sebuah bagian arsipnya tidak dapat disalin.") from None


def resolve(source_part: str, target: str) -> str:
    """A relationship target as a part name (relative to the source's folder, or absolute)."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative(source_part: str, target_part: str) -> str:
    return posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")
