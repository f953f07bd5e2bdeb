"""Writing a compound file ([MS-CFB], version 3: 512-byte sectors), the container of a VBA project.

Reading one is olefile's job; writing one of new stream sizes is not (olefile only
rewrites streams in place), hence this small writer. Streams under 4096 bytes live in
the mini stream (64-byte sectors, their own allocation table), larger ones in regular
sectors; each storage's children form a red-black tree in the order the format sets
(shorter names first, then by upper-case name), built balanced, its deepest level red.
"""

from __future__ import annotations

import struct

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _order_key(name: str) -> tuple:
    return len(name), name.upper()


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b"", clsid: bytes = b"\0" * 16):
        self.name, self.kind, self.data, self.clsid = name, kind, data, clsid
        self.children: list = []
        self.left = self.right = self.child = NOSTREAM
        self.black = True
        self.start, self.size = ENDOFCHAIN, 0
        self.index = 0


def _tree(nodes: list, depth: int, full_depth: int) -> int:
    """Link ``nodes`` (sorted) as a balanced binary tree; the root's index. Nodes below ``full_depth`` are red."""
    if not nodes:
        return NOSTREAM
    mid = len(nodes) // 2
    root = nodes[mid]
    root.black = depth < full_depth
    root.left = _tree(nodes[:mid], depth + 1, full_depth)
    root.right = _tree(nodes[mid + 1:], depth + 1, full_depth)
    return root.index


def _full_depth(count: int) -> int:
    """The number of levels a balanced tree of ``count`` nodes fills completely."""
    depth = 0
    while (1 << (depth + 1)) - 1 <= count:
        depth += 1
    return depth


def write_cfb(streams: dict, clsids: dict | None = None) -> bytes:
    """A compound file holding ``streams`` ({("VBA", "dir"): bytes, ("PROJECT",): bytes, …}).

    Storages are made from the paths; ``clsids`` gives a storage's (or the root's, key ())
    class id.
    """
    clsids = clsids or {}
    root = _Entry("Root Entry", 5, clsid=clsids.get((), b"\0" * 16))
    storages = {(): root}
    for path in sorted(streams):
        for depth in range(1, len(path)):
            key = path[:depth]
            if key not in storages:
                entry = _Entry(key[-1], 1, clsid=clsids.get(key, b"\0" * 16))
                storages[key[:-1]].children.append(entry)
                storages[key] = entry
        storages[path[:-1]].children.append(_Entry(path[-1], 2, streams[path]))

    entries: list = []

    def number(entry: _Entry) -> None:
        entry.index = len(entries)
        entries.append(entry)
        for child in sorted(entry.children, key=lambda e: _order_key(e.name)):
            number(child)

    number(root)
    for entry in entries:
        if entry.kind in (1, 5) and entry.children:
            ordered = sorted(entry.children, key=lambda e: _order_key(e.name))
            entry.child = _tree(ordered, 0, _full_depth(len(ordered)))

    # the mini stream: small streams in 64-byte sectors
    mini = bytearray()
    minifat: list = []
    for entry in entries:
        if entry.kind == 2 and len(entry.data) < MINI_CUTOFF:
            entry.size = len(entry.data)
            if not entry.data:
                continue
            first = len(mini) // MINI_SECTOR
            count = -(-len(entry.data) // MINI_SECTOR)
            entry.start = first
            mini += entry.data + b"\0" * (count * MINI_SECTOR - len(entry.data))
            minifat += [first + k + 1 for k in range(count - 1)] + [ENDOFCHAIN]

    sectors: list = []   # regular sectors' contents, in order
    fat: list = []

    def allocate(data: bytes) -> int:
        if not data:
            return ENDOFCHAIN
        first = len(sectors)
        count = -(-len(data) // SECTOR)
        for k in range(count):
            sectors.append(data[k * SECTOR:(k + 1) * SECTOR].ljust(SECTOR, b"\0"))
        fat.extend([first + k + 1 for k in range(count - 1)] + [ENDOFCHAIN])
        return first

    for entry in entries:
        if entry.kind == 2 and len(entry.data) >= MINI_CUTOFF:
            entry.size = len(entry.data)
            entry.start = allocate(entry.data)
    root.start, root.size = allocate(bytes(mini)), len(mini)
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_bytes += struct.pack("<I", FREESECT) * ((-len(minifat)) % (SECTOR // 4))
    first_minifat = allocate(minifat_bytes) if minifat else ENDOFCHAIN
    minifat_sectors = len(minifat_bytes) // SECTOR if minifat else 0

    directory = b"".join(_direntry(e) for e in entries)
    directory += _empty_direntry() * ((-len(entries)) % (SECTOR // 128))
    first_directory = allocate(directory)

    # the FAT covers every sector, its own included
    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    if fat_count > 109:
        raise ValueError("compound file too large for a header-only DIFAT")
    fat_first = len(sectors)
    fat.extend([FATSECT] * fat_count)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    fat_bytes += struct.pack("<I", FREESECT) * (fat_count * (SECTOR // 4) - len(fat))
    for k in range(fat_count):
        sectors.append(fat_bytes[k * SECTOR:(k + 1) * SECTOR])

    difat = [fat_first + k for k in range(fat_count)] + [FREESECT] * (109 - fat_count)
    header = (_MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_count, first_directory, 0, MINI_CUTOFF, first_minifat,
                            minifat_sectors, ENDOFCHAIN, 0)
              + b"".join(struct.pack("<I", v) for v in difat))
    assert len(header) == SECTOR
    return header + b"".join(sectors)


def _direntry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le")
    if len(name) > 62:
        raise ValueError(f"name too long for a compound file: {entry.name!r}")
    return (name.ljust(64, b"\0") + struct.pack("<HBB", len(name) + 2, entry.kind, 1 if entry.black else 0)
            + struct.pack("<III", entry.left, entry.right, entry.child) + entry.clsid
            + struct.pack("<I", 0) + b"\0" * 16 + struct.pack("<IQ", entry.start, entry.size))


def _empty_direntry() -> bytes:
    return b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) \
        + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", 0, 0)


def read_cfb(data: bytes) -> tuple[dict, dict]:
    """({path: bytes} of every stream, {path: clsid} of the storages) of a compound file (olefile reads it)."""
    import io

    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        streams = {tuple(p): ole.openstream(p).read() for p in ole.listdir(streams=True, storages=False)}
        clsids = {(): _clsid_bytes(ole.root.clsid)}
        for p in ole.listdir(streams=False, storages=True):
            clsids[tuple(p)] = _clsid_bytes(ole.getclsid(p))
    finally:
        ole.close()
    return streams, clsids


def _clsid_bytes(text: str) -> bytes:
    """olefile's textual class id back to the 16 bytes on disk (the first three fields little-endian)."""
    import uuid

    return uuid.UUID(text).bytes_le if text else b"\0" * 16
