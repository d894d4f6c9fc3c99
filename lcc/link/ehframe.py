""".eh_frame_hdr: the binary-search table of FDEs that the unwinder
(libgcc's, through dl_iterate_phdr and PT_GNU_EH_FRAME) uses to find the
frame description of a PC; C++ exceptions and backtrace() need it.

Layout (LSB "Linux Standard Base Core Specification", .eh_frame_hdr):
version 1, eh_frame_ptr encoding pcrel|sdata4, fde_count encoding udata4,
table encoding datarel|sdata4, then eh_frame_ptr, fde_count and the
(initial location, FDE address) pairs sorted by location, both relative to
the start of .eh_frame_hdr.
"""
from __future__ import annotations

import struct
from typing import Dict, List, Tuple


def count_fdes(data: bytes, start: int, size: int) -> int:
    n = 0
    off, end = start, start + size
    while off + 4 <= end:
        length = struct.unpack_from("<I", data, off)[0]
        if length == 0:
            break
        if length == 0xffffffff:
            length = struct.unpack_from("<Q", data, off + 4)[0] + 8
        if struct.unpack_from("<I", data, off + 4)[0] != 0:
            n += 1
        off += 4 + length
    return n


def _uleb(data: bytearray, off: int) -> Tuple[int, int]:
    v = shift = 0
    while True:
        b = data[off]
        off += 1
        v |= (b & 0x7f) << shift
        shift += 7
        if not b & 0x80:
            return v, off


_SIZES = {0x00: 8, 0x02: 2, 0x03: 4, 0x04: 8, 0x0a: 2, 0x0b: 4, 0x0c: 8}
_FMT = {0x00: "<Q", 0x02: "<H", 0x03: "<I", 0x04: "<Q", 0x0a: "<h", 0x0b: "<i", 0x0c: "<q"}


def _fde_encoding(data: bytearray, cie: int) -> int:
    """The FDE pointer encoding of the CIE at file offset cie ('R' in 'zR')."""
    p = cie + 8
    version = data[p]
    p += 1
    aug_end = data.index(b"\0", p)
    aug = data[p:aug_end].decode("latin-1")
    p = aug_end + 1
    _, p = _uleb(data, p)            # code alignment
    _, p = _uleb(data, p)            # data alignment (sleb: only skipped)
    if version == 1:
        p += 1
    else:
        _, p = _uleb(data, p)
    if not aug.startswith("z"):
        return 0x00
    _, p = _uleb(data, p)
    for c in aug[1:]:
        if c == "R":
            return data[p]
        if c == "P":
            enc = data[p]
            p += 1 + _SIZES.get(enc & 0x0f, 8)
        elif c == "L":
            p += 1
    return 0x00


def build(buf: bytearray, pieces: List[Tuple[int, int, int]], hdr_addr: int,
          eh_addr: int, size: int, text_lo: int, text_hi: int) -> bytes:
    """pieces: (file offset, address, size) of each input .eh_frame in the
    output image (already relocated)."""
    table: List[Tuple[int, int]] = []
    encodings: Dict[int, int] = {}
    for foff, addr, psize in pieces:
        off, end = foff, foff + psize
        while off + 4 <= end:
            length = struct.unpack_from("<I", buf, off)[0]
            if length == 0:
                break
            hdr = 4
            if length == 0xffffffff:
                length = struct.unpack_from("<Q", buf, off + 4)[0]
                hdr = 12
            cie_ptr = struct.unpack_from("<I", buf, off + hdr)[0]
            if cie_ptr != 0 and hdr == 4:
                cie = off + hdr - cie_ptr
                enc = encodings.get(cie, -1)
                if enc < 0:
                    enc = encodings[cie] = _fde_encoding(buf, cie)
                field = off + 8
                fmt = _FMT.get(enc & 0x0f)
                if fmt is not None:
                    v = struct.unpack_from(fmt, buf, field)[0]
                    if enc & 0x70 == 0x10:
                        v += addr + (field - foff)
                    v &= 0xffffffffffffffff
                    if text_lo <= v < text_hi:
                        table.append((v, addr + (off - foff)))
            off += hdr + length
    table.sort()
    dedup: List[Tuple[int, int]] = []
    for loc, fde in table:
        if dedup and dedup[-1][0] == loc:
            continue
        dedup.append((loc, fde))
    out = bytearray(struct.pack("<BBBBiI", 1, 0x1b, 0x03, 0x3b,
                                eh_addr - (hdr_addr + 4), len(dedup)))
    for loc, fde in dedup:
        out += struct.pack("<ii", loc - hdr_addr, fde - hdr_addr)
    out += bytes(max(0, size - len(out)))
    return bytes(out[:size])
