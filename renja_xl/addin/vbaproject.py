"""A VBA project (``vbaProject.bin``) as streams and records, for replacing and adding modules.

The project's ``dir`` stream ([MS-OVBA] 2.3.4.2) is a run of records (id, size, data);
each module is a group of them (name, stream name, offset of its source, type, cookie)
ending with a terminator. A module's stream holds compiled code (up to its offset) and
then its compressed source. Modules written here have source only (offset 0) and the
``_VBA_PROJECT`` stream says its cache is not to be used (version 0xFFFF), so Excel
compiles the sources when it opens the file.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from .cfb import read_cfb, write_cfb
from .ovba import compress, decompress

MODULE_NAME, MODULE_NAME_UNICODE, MODULE_STREAM_NAME, MODULE_STREAM_NAME_UNICODE = 0x19, 0x47, 0x1A, 0x32
MODULE_OFFSET, MODULE_COOKIE, MODULE_TERMINATOR, PROJECT_MODULES = 0x31, 0x2C, 0x2B, 0x0F
PROJECT_VERSION, DIR_TERMINATOR = 0x09, 0x10
NO_CACHE = b"\xCC\x61\xFF\xFF\x00\x00\x00"  # _VBA_PROJECT: reserved 0x61CC, version 0xFFFF (compile from source)
CODEPAGE = "cp1252"


@dataclass
class Record:
    id: int
    data: bytes

    def to_bytes(self) -> bytes:
        if self.id == PROJECT_VERSION:  # its size field says 4 but 6 bytes follow
            return struct.pack("<HI", self.id, 4) + self.data
        return struct.pack("<HI", self.id, len(self.data)) + self.data


@dataclass
class Module:
    records: list = field(default_factory=list)

    def _get(self, rid: int):
        return next((r for r in self.records if r.id == rid), None)

    @property
    def name(self) -> str:
        return self._get(MODULE_NAME).data.decode(CODEPAGE)

    def rename(self, name: str) -> None:
        for rid, data in ((MODULE_NAME, name.encode(CODEPAGE)), (MODULE_NAME_UNICODE, name.encode("utf-16-le")),
                          (MODULE_STREAM_NAME, name.encode(CODEPAGE)),
                          (MODULE_STREAM_NAME_UNICODE, name.encode("utf-16-le"))):
            record = self._get(rid)
            if record is not None:
                record.data = data

    def source_only(self) -> None:
        self._get(MODULE_OFFSET).data = struct.pack("<I", 0)

    @property
    def offset(self) -> int:
        return struct.unpack("<I", self._get(MODULE_OFFSET).data)[0]

    @property
    def is_document(self) -> bool:
        return any(r.id == 0x22 for r in self.records)


def _parse(data: bytes) -> list[Record]:
    records, pos = [], 0
    while pos + 6 <= len(data):
        rid, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if rid == PROJECT_VERSION:
            size = 6
        records.append(Record(rid, data[pos:pos + size]))
        pos += size
    return records


class VbaProject:
    """The streams of a project and its ``dir`` records split into header, modules and tail."""

    def __init__(self, data: bytes):
        self.streams, self.clsids = read_cfb(data)
        records = _parse(decompress(self.streams[("VBA", "dir")]))
        first = next(i for i, r in enumerate(records) if r.id == MODULE_NAME)
        self.head = records[:first]
        self.modules: list[Module] = []
        current = Module()
        self.tail: list[Record] = []
        for record in records[first:]:
            if record.id == DIR_TERMINATOR:
                self.tail.append(record)
                continue
            current.records.append(record)
            if record.id == MODULE_TERMINATOR:
                self.modules.append(current)
                current = Module()

    def module(self, name: str) -> Module:
        return next(m for m in self.modules if m.name.lower() == name.lower())

    def source(self, name: str) -> bytes:
        module = self.module(name)
        return decompress(self.streams[("VBA", module.name)][module.offset:])

    def replace_module(self, old: str, new: str, source: bytes) -> None:
        """Put ``source`` (with its ``Attribute VB_Name`` line) in place of module ``old``, named ``new``."""
        module = self.module(old)
        del self.streams[("VBA", module.name)]
        module.rename(new)
        module.source_only()
        self.streams[("VBA", new)] = compress(source)
        self._rename_in_project(old, new)

    def add_module(self, like: str, name: str, source: bytes) -> None:
        """A standard module ``name`` (with its ``Attribute VB_Name`` line in ``source``) built like module ``like``."""
        template = self.module(like)
        if template.is_document:
            raise ValueError(f"{like} is not a standard module")
        module = Module([Record(r.id, r.data) for r in template.records])
        module.rename(name)
        module.source_only()
        self.modules.append(module)
        self.streams[("VBA", name)] = compress(source)
        lines = self.streams[("PROJECT",)].decode(CODEPAGE).split("\r\n")
        last = max(i for i, line in enumerate(lines) if line.split("=")[0] in ("Module", "Document", "Class"))
        lines.insert(last + 1, f"Module={name}")
        self.streams[("PROJECT",)] = "\r\n".join(lines).encode(CODEPAGE)
        wm = self.streams.get(("PROJECTwm",))
        if wm is not None:
            entry = name.encode(CODEPAGE) + b"\0" + name.encode("utf-16-le") + b"\0\0"
            self.streams[("PROJECTwm",)] = wm[:-2] + entry + wm[-2:]

    def add_document_module(self, like: str, name: str, source: bytes) -> None:
        """A document module (the code behind a sheet) built like module ``like``, with ``source``."""
        template = self.module(like)
        module = Module([Record(r.id, r.data) for r in template.records])
        module.rename(name)
        module.source_only()
        self.modules.append(module)
        self.streams[("VBA", name)] = compress(source)
        project = self.streams[("PROJECT",)].decode(CODEPAGE)
        line = f"Document={like}/&H00000000"
        project = project.replace(line, line + f"\r\nDocument={name}/&H00000000", 1)
        self.streams[("PROJECT",)] = project.encode(CODEPAGE)
        wm = self.streams.get(("PROJECTwm",))
        if wm is not None:
            entry = name.encode(CODEPAGE) + b"\0" + name.encode("utf-16-le") + b"\0\0"
            self.streams[("PROJECTwm",)] = wm[:-2] + entry + wm[-2:]

    def _rename_in_project(self, old: str, new: str) -> None:
        project = self.streams[("PROJECT",)].decode(CODEPAGE)
        lines = []
        for line in project.split("\r\n"):
            key, _, value = line.partition("=")
            if key in ("Module", "Class", "Document", "BaseClass") and value.split("/")[0] == old:
                line = f"{key}={new}{value[len(old):]}"
            elif key == old:
                line = f"{new}={value}"
            lines.append(line)
        self.streams[("PROJECT",)] = "\r\n".join(lines).encode(CODEPAGE)
        wm = self.streams.get(("PROJECTwm",))
        if wm is not None:
            old_entry = old.encode(CODEPAGE) + b"\0" + old.encode("utf-16-le") + b"\0\0"
            new_entry = new.encode(CODEPAGE) + b"\0" + new.encode("utf-16-le") + b"\0\0"
            self.streams[("PROJECTwm",)] = wm.replace(old_entry, new_entry, 1)

    def to_bytes(self) -> bytes:
        """The project as a compound file, its cache marked unusable so Excel compiles the sources."""
        for record in self.head:
            if record.id == PROJECT_MODULES:
                record.data = struct.pack("<H", len(self.modules))
        records = self.head + [r for m in self.modules for r in m.records] + self.tail
        self.streams[("VBA", "dir")] = compress(b"".join(r.to_bytes() for r in records))
        self.streams[("VBA", "_VBA_PROJECT")] = NO_CACHE
        for key in [k for k in self.streams if k[-1].startswith("__SRP_")]:
            del self.streams[key]  # compiled caches of the old sources
        return write_cfb(self.streams, self.clsids)
