"""The compression of VBA source in a VBA project ([MS-OVBA] 2.4.1), both ways.

A compressed container is a signature byte (1) and chunks of at most 4096 source bytes,
each a 2-byte header and either the raw 4096 bytes or tokens: a flag byte, then eight
tokens, each a literal byte or a 2-byte copy token (offset, length) into the chunk's
already-decompressed bytes. The split of a copy token's 16 bits between offset and
length depends on how far into the chunk it stands.
"""

from __future__ import annotations

CHUNK = 4096


def _bit_count(position: int) -> int:
    """Bits of a copy token given to the offset, ``position`` bytes into the chunk (at least 4)."""
    bits = 4
    while (1 << bits) < position:
        bits += 1
    return bits


def _compress_chunk(data: bytes) -> bytes:
    out = bytearray()
    i, n = 0, len(data)
    heads: dict = {}  # 3-byte prefix -> positions where it starts, most recent last
    while i < n:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if i >= n:
                break
            best_len, best_off = 0, 0
            if i >= 1:
                bits = _bit_count(i)
                max_len = min((0xFFFF >> bits) + 3, n - i)
                if max_len >= 3:
                    for start in reversed(heads.get(data[i:i + 3], ())[-64:]):
                        length = 3
                        while length < max_len and data[start + length] == data[i + length]:
                            length += 1
                        if length > best_len:
                            best_len, best_off = length, i - start
                            if length == max_len:
                                break
            if best_len >= 3:
                bits = _bit_count(i)
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += token.to_bytes(2, "little")
                flags |= 1 << bit
                step = best_len
            else:
                out.append(data[i])
                step = 1
            for k in range(i, i + step):
                if k + 3 <= n:
                    heads.setdefault(data[k:k + 3], []).append(k)
            i += step
        out[flag_at] = flags
    return bytes(out)


def compress(source: bytes) -> bytes:
    """A compressed container of ``source``."""
    out = bytearray(b"\x01")
    for start in range(0, max(len(source), 1), CHUNK):
        chunk = source[start:start + CHUNK]
        if not chunk:
            break
        body = _compress_chunk(chunk)
        if len(body) > CHUNK - 2 and len(chunk) == CHUNK:  # raw is shorter: stored as it is
            out += (0x3000 | (CHUNK + 2 - 3)).to_bytes(2, "little") + chunk
        else:
            out += (0xB000 | (len(body) + 2 - 3)).to_bytes(2, "little") + body
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """The source in a compressed container."""
    if not container or container[0] != 1:
        raise ValueError("not a compressed VBA container")
    out = bytearray()
    pos = 1
    while pos + 2 <= len(container):
        header = int.from_bytes(container[pos:pos + 2], "little")
        size = (header & 0x0FFF) + 3
        end = min(pos + size, len(container))
        pos += 2
        chunk_start = len(out)
        if not header & 0x8000:
            out += container[pos:pos + CHUNK]
            pos = end
            continue
        while pos < end:
            flags = container[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if flags & (1 << bit):
                    token = int.from_bytes(container[pos:pos + 2], "little")
                    bits = _bit_count(len(out) - chunk_start)
                    length = (token & (0xFFFF >> bits)) + 3
                    offset = (token >> (16 - bits)) + 1
                    for _ in range(length):
                        out.append(out[-offset])
                    pos += 2
                else:
                    out.append(container[pos])
                    pos += 1
    return bytes(out)
