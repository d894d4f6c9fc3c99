"""Output sections and segments: which input section goes where, and the
addresses and file offsets of everything.

Segments follow GNU ld's `-z separate-code` layout: a read-only segment
holding the headers and the dynamic-linking tables, then code, then
read-only data, then one writable segment whose RELRO part (TLS
initialisers, init/fini arrays, .data.rel.ro, .dynamic, .got) ends on a
page boundary before .got.plt, .data and .bss.  Every section's address is
the base plus its file offset, which keeps offsets and addresses congruent
modulo the page size without further bookkeeping.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from lcc.elf.consts import (
    PF_R, PF_W, PF_X, SHF_ALLOC, SHF_EXECINSTR, SHF_TLS, SHF_WRITE, SHT_FINI_ARRAY,
    SHT_INIT_ARRAY, SHT_NOBITS, SHT_NOTE, SHT_PREINIT_ARRAY, SHT_PROGBITS,
)

PAGE = 0x1000

# (segment class, rank within it) of the sections the linker knows;
# other sections are placed by their flags.
_RANK: Dict[str, Tuple[int, int]] = {
    ".interp": (0, 0), ".note.ABI-tag": (0, 1), ".gnu.hash": (0, 3), ".dynsym": (0, 4),
    ".dynstr": (0, 5), ".gnu.version": (0, 6), ".gnu.version_r": (0, 7),
    ".rela.dyn": (0, 8), ".rela.plt": (0, 9),
    ".init": (1, 0), ".plt": (1, 1), ".text": (1, 2), ".fini": (1, 9),
    ".rodata": (2, 0), ".eh_frame_hdr": (2, 5), ".eh_frame": (2, 6),
    ".gcc_except_table": (2, 7),
    ".tdata": (3, 0), ".tbss": (3, 1), ".preinit_array": (3, 2), ".init_array": (3, 3),
    ".fini_array": (3, 4), ".data.rel.ro": (3, 5), ".dynamic": (3, 6), ".got": (3, 7),
    ".got.plt": (3, 10), ".data": (3, 11), ".bss": (3, 20),
}
RELRO_END_RANK = 8   # ranks below this in the writable segment are RELRO
NONALLOC = 4         # the "segment" of sections not loaded (DWARF): after the image

_PREFIXES = (".text", ".rodata", ".data.rel.ro", ".data", ".bss", ".tdata", ".tbss",
             ".init_array", ".fini_array", ".preinit_array", ".gcc_except_table",
             ".ldata", ".lrodata", ".lbss")


def output_name(name: str) -> str:
    """GNU ld's default script, reduced to what matters for C programs."""
    for p in _PREFIXES:
        if name == p or name.startswith(p + "."):
            return p
    if name.startswith(".gnu.linkonce.t."):
        return ".text"
    if name == ".ctors" or name.startswith(".ctors."):
        return ".init_array"
    if name == ".dtors" or name.startswith(".dtors."):
        return ".fini_array"
    if name.startswith(".note."):
        return ".note.ABI-tag" if name == ".note.ABI-tag" else name
    return name


def init_priority(name: str) -> Tuple[int, int]:
    """Sort key of an .init_array member: numbered priorities first."""
    m = re.search(r"\.(\d+)$", name)
    if m and not name.startswith((".ctors", ".dtors")):
        return (0, int(m.group(1)))
    return (1, 0)


class Blob:
    """A piece of an output section the linker makes itself (common
    symbols, copy relocations): looks like an InputSection to the layout."""

    __slots__ = ("name", "type", "flags", "align", "size", "out", "offset", "content")

    def __init__(self, name: str, size: int, align: int, type_: int = SHT_NOBITS,
                 flags: int = SHF_ALLOC | SHF_WRITE) -> None:
        self.name, self.size, self.align, self.type, self.flags = name, size, max(align, 1), \
            type_, flags
        self.out: Optional["OutputSection"] = None
        self.offset = 0
        self.content = b""

    @property
    def addr(self) -> int:
        return self.out.addr + self.offset  # type: ignore[union-attr]


class OutputSection:
    __slots__ = ("name", "type", "flags", "align", "entsize", "members", "size", "addr",
                 "foff", "index", "link", "info", "seg", "rank", "content", "synthetic")

    def __init__(self, name: str, type_: int, flags: int) -> None:
        self.name, self.type, self.flags = name, type_, flags
        self.align = 1
        self.entsize = 0
        self.members: list = []
        self.size = 0
        self.addr = 0
        self.foff = 0
        self.index = 0
        self.link: object = None      # OutputSection or section-header index
        self.info: object = 0
        self.content: Optional[bytes] = None   # synthetic sections: their bytes
        self.synthetic = False
        seg, rank = _RANK.get(name, (-1, 0))
        if not flags & SHF_ALLOC:
            seg, rank = NONALLOC, 0
        elif seg < 0:
            if flags & SHF_TLS:
                seg, rank = 3, (1 if type_ == SHT_NOBITS else 0)
            elif flags & SHF_EXECINSTR:
                seg, rank = 1, 5
            elif flags & SHF_WRITE:
                seg, rank = 3, (21 if type_ == SHT_NOBITS else 12)
            elif type_ == SHT_NOTE:
                seg, rank = 0, 2
            else:
                seg, rank = 2, 3
        self.seg, self.rank = seg, rank

    def add(self, piece: object) -> None:
        self.members.append(piece)
        piece.out = self  # type: ignore[attr-defined]

    def place_members(self) -> None:
        off = 0
        for m in self.members:
            a = m.align
            off = (off + a - 1) & -a
            m.offset = off
            m.out = self
            off += m.size
            if a > self.align:
                self.align = a
        self.size = off


def new_output(outs: Dict[str, OutputSection], name: str, type_: int, flags: int) -> OutputSection:
    o = outs.get(name)
    if o is None:
        o = outs[name] = OutputSection(name, type_, flags)
    else:
        o.flags |= flags & (SHF_WRITE | SHF_EXECINSTR)
        if o.type == SHT_NOBITS and type_ != SHT_NOBITS:
            o.type = type_
    return o


def collect(objects: list, outs: Dict[str, OutputSection], debug: bool = True) -> None:
    """Every allocated input section into its output section; DWARF
    sections (.debug_*) too unless debug is False (-s, -Wl,-S)."""
    for obj in objects:
        for sec in obj.sections:
            if sec is None or sec.discarded:
                continue
            if not sec.flags & SHF_ALLOC:
                if debug and sec.name.startswith(".debug_") and sec.type == SHT_PROGBITS:
                    new_output(outs, sec.name, SHT_PROGBITS, 0).add(sec)
                continue
            name = sec.name
            if name == ".note.GNU-stack" or name == ".note.gnu.property":
                continue
            oname = output_name(name)
            typ = sec.type
            if typ in (SHT_INIT_ARRAY, SHT_FINI_ARRAY, SHT_PREINIT_ARRAY):
                typ_out = typ
            elif typ == SHT_NOBITS:
                typ_out = SHT_NOBITS
            elif typ == SHT_NOTE:
                typ_out = SHT_NOTE
            else:
                typ_out = SHT_PROGBITS
            o = new_output(outs, oname, typ_out, sec.flags & ~0x200)  # not SHF_GROUP
            o.add(sec)
    for name in (".init_array", ".fini_array", ".preinit_array"):
        arr = outs.get(name)
        if arr is not None:
            arr.members.sort(key=lambda s: init_priority(s.name))


class Segment:
    __slots__ = ("type", "flags", "off", "vaddr", "filesz", "memsz", "align")

    def __init__(self, type_: int, flags: int, off: int, vaddr: int, filesz: int,
                 memsz: int, align: int) -> None:
        self.type, self.flags, self.off, self.vaddr = type_, flags, off, vaddr
        self.filesz, self.memsz, self.align = filesz, memsz, align


_SEG_FLAGS = (PF_R, PF_R | PF_X, PF_R, PF_R | PF_W)


def assign(outs: List[OutputSection], base: int, header_size: int,
           relro: bool) -> Tuple[List[Segment], int, Optional[Tuple[int, int]], int]:
    """Addresses and offsets for outs (already sorted by (seg, rank)).
    Returns the PT_LOAD segments, the file size, the RELRO range and the end
    of the text segment."""
    off = header_size
    loads: List[Segment] = []
    relro_range: Optional[Tuple[int, int]] = None
    etext = base
    for segno in range(4):
        secs = [o for o in outs if o.seg == segno]
        if not secs and segno != 0:
            continue
        if segno:
            off = (off + PAGE - 1) & -PAGE
        start = 0 if segno == 0 else off
        mem_end = base + off
        relro_done = False
        for o in secs:
            if segno == 3 and relro and not relro_done and o.rank >= RELRO_END_RANK:
                relro_done = True
                if off > start:
                    # up to the page boundary: the padding is ours, so ld.so
                    # may protect the last RELRO page too
                    off = (off + PAGE - 1) & -PAGE
                    relro_range = (base + start, base + off)
            if o.type == SHT_NOBITS:
                a = o.align
                addr = (max(base + off, mem_end) + a - 1) & -a
                o.addr, o.foff = addr, off
                if o.flags & SHF_TLS:
                    continue   # .tbss takes no room in the segment's image
                mem_end = addr + o.size
                continue
            off = (off + o.align - 1) & -o.align
            o.foff = off
            o.addr = base + off
            off += o.size
            mem_end = base + off
        if segno == 3 and relro and not relro_done and off > start:
            relro_range = (base + start, base + off)
        filesz = off - start
        memsz = max(mem_end - (base + start), filesz)
        loads.append(Segment(1, _SEG_FLAGS[segno], start, base + start, filesz, memsz, PAGE))
        if segno == 1:
            etext = base + off
    for o in outs:
        if o.seg == NONALLOC:
            off = (off + o.align - 1) & -o.align
            o.foff, o.addr = off, 0
            off += o.size
    return loads, off, relro_range, etext
