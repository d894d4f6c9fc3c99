"""The executable's headers: ELF header, program headers, the symbol
table and the section headers (appended after the loaded image)."""
from __future__ import annotations

import struct
from typing import Dict, List, Optional, Tuple

from lcc.elf.consts import (
    EM_X86_64, ET_DYN, ET_EXEC, PF_R, PF_W, PF_X, SHF_ALLOC,
    PT_DYNAMIC, PT_GNU_EH_FRAME, PT_GNU_RELRO,
    PT_GNU_STACK,
    PT_INTERP, PT_LOAD, PT_NOTE, PT_PHDR, PT_TLS, SHT_DYNAMIC, SHT_DYNSYM,
    SHT_GNU_HASH, SHT_GNU_VERNEED, SHT_GNU_VERSYM, SHT_NOBITS, SHT_NOTE, SHT_RELA,
    SHT_STRTAB, SHT_SYMTAB, STB_LOCAL, STT_FILE, STT_SECTION, STT_TLS,
)
from lcc.link.layout import OutputSection, Segment
from lcc.link.symbols import COMMON, DSO, LINKER, REGULAR, SymbolTable


def phdr_plan(order: List[OutputSection], dynamic: bool, no_interp: bool = False) -> List[int]:
    segs = {o.seg for o in order if o.flags & SHF_ALLOC}
    types: List[int] = []
    if dynamic and not no_interp:
        types += [PT_PHDR, PT_INTERP]
    types += [PT_LOAD] * (1 + len(segs - {0}))
    if dynamic:
        types.append(PT_DYNAMIC)
    if any(o.type == SHT_NOTE for o in order):
        types.append(PT_NOTE)
    if any(o.flags & 0x400 for o in order):
        types.append(PT_TLS)
    if any(o.name == ".eh_frame_hdr" for o in order):
        types.append(PT_GNU_EH_FRAME)
    types.append(PT_GNU_STACK)
    if dynamic:
        types.append(PT_GNU_RELRO)
    return types


def _phdrs(types: List[int], loads: List[Segment], order: List[OutputSection],
           relro: Optional[Tuple[int, int]], tls: List[OutputSection],
           exec_stack: bool) -> bytes:
    out = bytearray()
    li = 0
    base = loads[0].vaddr
    for t in types:
        if t == PT_LOAD:
            s = loads[li]
            li += 1
            f = (t, s.flags, s.off, s.vaddr, s.filesz, s.memsz, s.align)
        elif t == PT_PHDR:
            n = 56 * len(types)
            f = (t, PF_R, 64, base + 64, n, n, 8)
        elif t == PT_INTERP or t == PT_DYNAMIC:
            o = next(o for o in order if o.name == (".interp" if t == PT_INTERP else ".dynamic"))
            f = (t, PF_R | (PF_W if t == PT_DYNAMIC else 0), o.foff, o.addr, o.size, o.size,
                 o.align)
        elif t == PT_NOTE:
            notes = [o for o in order if o.type == SHT_NOTE]
            a, b = notes[0], notes[-1]
            size = b.addr + b.size - a.addr
            f = (t, PF_R, a.foff, a.addr, size, size, max(o.align for o in notes))
        elif t == PT_TLS:
            a = tls[0]
            filesz = sum(o.size for o in tls if o.type != SHT_NOBITS)
            filesz = max((o.addr + o.size for o in tls if o.type != SHT_NOBITS),
                         default=a.addr) - a.addr
            memsz = max(o.addr + o.size for o in tls) - a.addr
            f = (t, PF_R, a.foff, a.addr, filesz, memsz, max(o.align for o in tls))
        elif t == PT_GNU_EH_FRAME:
            o = next(o for o in order if o.name == ".eh_frame_hdr")
            f = (t, PF_R, o.foff, o.addr, o.size, o.size, 4)
        elif t == PT_GNU_STACK:
            f = (t, PF_R | PF_W | (PF_X if exec_stack else 0), 0, 0, 0, 0, 16)
        elif t == PT_GNU_RELRO:
            lo, hi = relro if relro else (0, 0)
            f = (t, PF_R, lo - base, lo, hi - lo, hi - lo, 1)
        else:
            raise AssertionError(t)
        t_, fl, off, va, fsz, msz, al = f
        out += struct.pack("<IIQQQQQQ", t_, fl, off, va, va, fsz, msz, al)
    return bytes(out)


def _symtab(table: SymbolTable, order: List[OutputSection],
            tls_start: int) -> Tuple[bytes, bytes, int]:
    """.symtab: each object's named local symbols, then the globals (TLS
    symbols' values are offsets in the TLS segment, as ld writes them)."""
    strtab = bytearray(b"\0")
    syms = bytearray(24)
    pack = struct.Struct("<IBBHQQ").pack

    def name_off(n: str) -> int:
        off = len(strtab)
        strtab.extend(n.encode("utf-8", "surrogateescape") + b"\0")
        return off
    for obj in table.objects:
        secs = obj.sections
        wrote_file = False
        for i in range(1, obj.first_global):
            name, bind, typ, vis, shndx, value, size = obj.symbols[i]
            if typ == STT_SECTION or typ == STT_FILE or not name:
                continue
            if 0 < shndx < 0xff00:
                sec = secs[shndx]
                if sec.out is None:
                    continue
                v, ndx = sec.addr + value, sec.out.index
            elif shndx == 0xfff1:
                v, ndx = value, shndx
            else:
                continue
            if not wrote_file:
                wrote_file = True
                syms += pack(name_off(obj.path.rsplit("/", 1)[-1]), STT_FILE, 0, 0xfff1, 0, 0)
            if typ == STT_TLS:
                v -= tls_start
            syms += pack(name_off(name), (STB_LOCAL << 4) | typ, vis, ndx, v, size)
    first_global = len(syms) // 24
    for s in table.syms.values():
        if s.kind == DSO and not s.ref:
            continue
        if s.kind == 0 and not s.ref:
            continue
        if s.kind == REGULAR and s.sec is not None and s.sec.out is None:
            continue   # defined in a section --gc-sections dropped
        bind = s.bind if s.kind != DSO else (2 if not s.strong_ref else 1)
        ndx = 0
        v = s.addr
        if s.kind == REGULAR:
            ndx = s.sec.out.index if s.sec is not None and s.sec.out is not None else 0xfff1
        elif s.kind == COMMON:
            ndx = s.sec.out.index
        elif s.kind == LINKER:
            ndx = 0xfff1
        elif s.kind == DSO:
            ndx = 0
            v = s.addr if (s.copy or s.canonical) else 0
        other = s.vis
        if s.type == STT_TLS and s.kind in (REGULAR, COMMON):
            v -= tls_start
        syms += pack(name_off(s.name), ((bind & 15) << 4) | (s.type & 15), other, ndx, v,
                     s.size)
    return bytes(syms), bytes(strtab), first_global


def finish(buf: bytearray, order: List[OutputSection], loads: List[Segment],
           types: List[int], relro: Optional[Tuple[int, int]], tls: List[OutputSection],
           entry: int, pie: bool, table: SymbolTable, strip: bool,
           outs: Dict[str, OutputSection], tls_start: int = 0,
           exec_stack: bool = False) -> bytes:
    buf[64:64 + 56 * len(types)] = _phdrs(types, loads, order, relro, tls, exec_stack)
    shstr = bytearray(b"\0")

    def sname(n: str) -> int:
        off = len(shstr)
        shstr.extend(n.encode() + b"\0")
        return off
    extra: List[Tuple[str, int, bytes, int, int, int]] = []
    if not strip:
        syms, strtab, first_global = _symtab(table, order, tls_start)
        n = len(order)
        extra.append((".symtab", SHT_SYMTAB, syms, n + 2, first_global, 24))
        extra.append((".strtab", SHT_STRTAB, strtab, 0, 0, 0))
    tail = bytearray()
    off = len(buf)
    placed = []
    for name, typ, data, link, info, ent in extra:
        pad = (-(off + len(tail))) & 7
        tail += bytes(pad)
        placed.append((name, typ, off + len(tail), data, link, info, ent))
        tail += data
    shstrndx = len(order) + len(extra) + 1
    shdrs = bytearray(64)
    by_name = {o.name: o for o in order}

    def idx(name: str) -> int:
        o = by_name.get(name)
        return o.index if o is not None else 0
    links = {SHT_DYNSYM: idx(".dynstr"), SHT_GNU_HASH: idx(".dynsym"),
             SHT_GNU_VERSYM: idx(".dynsym"), SHT_GNU_VERNEED: idx(".dynstr"),
             SHT_RELA: idx(".dynsym"), SHT_DYNAMIC: idx(".dynstr")}
    for o in order:
        link = links.get(o.type, 0)
        info = 0
        if o.type == SHT_DYNSYM:
            info = 1
        elif o.type == SHT_GNU_VERNEED:
            info = _verneed_count(buf, o)
        elif o.name == ".rela.plt":
            info = idx(".got.plt")
            if not idx(".dynsym"):
                link = 0
        shdrs += struct.pack("<IIQQQQIIQQ", sname(o.name), o.type, o.flags, o.addr, o.foff,
                             o.size, link, info, o.align, o.entsize)
    for name, typ, foff, data, link, info, ent in placed:
        shdrs += struct.pack("<IIQQQQIIQQ", sname(name), typ, 0, 0, foff, len(data),
                             link, info, 8 if ent else 1, ent)
    shstr_name = sname(".shstrtab")
    shstr_off = off + len(tail)
    tail += shstr
    shdrs += struct.pack("<IIQQQQIIQQ", shstr_name, SHT_STRTAB, 0, 0, shstr_off, len(shstr),
                         0, 0, 1, 0)
    pad = (-(off + len(tail))) & 7
    tail += bytes(pad)
    shoff = off + len(tail)
    nsec = len(shdrs) // 64
    ehdr = struct.pack("<16sHHIQQQIHHHHHH",
                       b"\x7fELF\x02\x01\x01" + bytes(9), ET_DYN if pie else ET_EXEC,
                       EM_X86_64, 1, entry, 64, shoff, 0, 64, 56, len(types), 64, nsec,
                       shstrndx)
    buf[0:64] = ehdr
    return bytes(buf) + bytes(tail) + bytes(shdrs)


def _verneed_count(buf: bytearray, o: OutputSection) -> int:
    n = 0
    off = o.foff
    while True:
        n += 1
        nxt = struct.unpack_from("<I", buf, off + 12)[0]
        if not nxt:
            return n
        off += nxt
