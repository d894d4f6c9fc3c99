"""ELF64 relocatable object (ET_REL) writer, little-endian x86-64.

The layout follows what GNU `as` (BFD) writes, so that `readelf -S` of
our objects and of `as`'s objects match line for line:
  * section headers in creation order, each `.rela.X` right after X, then
    `.symtab`, `.strtab`, `.shstrtab`;
  * file contents: the ELF header, then every section except the
    relocation sections and `.shstrtab` in header order (each aligned to
    its own alignment; SHT_NOBITS take no room), then the relocation
    sections, `.shstrtab`, and the section header table (8-aligned);
  * `.strtab` shares suffixes (`f` inside `printf`), `.shstrtab` shares X
    with `.rela.X` only, as BFD does.
The caller gives symbols in the order it wants them (GNU `as` uses first
mention); the writer puts the locals first (sh_info = first global).
"""
from __future__ import annotations

import struct
from typing import Dict, List

from lcc.elf.consts import (EM_X86_64, ET_REL, SHF_GROUP, SHF_INFO_LINK, SHT_GROUP,
                            SHT_NOBITS,
                            SHT_RELA, SHT_STRTAB, SHT_SYMTAB, STB_LOCAL)


class OSection:
    """One section of the object.  `data` is ignored for SHT_NOBITS (`size`
    gives the size); relocations are (offset, type, symbol index in the
    caller's symbol list, addend)."""
    __slots__ = ("name", "type", "flags", "align", "entsize", "data", "size", "link",
                 "info", "relocs", "index", "name_off")

    def __init__(self, name: str, type_: int, flags: int, align: int = 1,
                 entsize: int = 0, data: bytes = b"", size: int = 0) -> None:
        self.name = name
        self.type = type_
        self.flags = flags
        self.align = align
        self.entsize = entsize
        self.data = data
        self.size = size
        self.link = 0
        self.info = 0
        self.relocs: List[tuple] = []
        self.index = 0
        self.name_off = 0


class OSymbol:
    """shndx is an OSection, or an int (SHN_UNDEF, SHN_ABS, SHN_COMMON)."""
    __slots__ = ("name", "value", "size", "type", "bind", "other", "shndx", "index")

    def __init__(self, name: str, value: int, size: int, type_: int, bind: int,
                 other: int, shndx: object) -> None:
        self.name = name
        self.value = value
        self.size = size
        self.type = type_
        self.bind = bind
        self.other = other
        self.shndx = shndx
        self.index = 0


def _strtab(names: List[str]) -> "tuple[bytes, Dict[str, int]]":
    """A string table where a name that ends another one shares its tail."""
    uniq = list(dict.fromkeys(n for n in names if n))
    # Longest first among strings sharing an ending: sort by reversed text,
    # a suffix sorts right before the strings it ends.
    by_rev = sorted(uniq, key=lambda s: s[::-1])
    owner: Dict[str, str] = {}
    for i, s in enumerate(by_rev):
        j = i + 1
        if j < len(by_rev) and by_rev[j].endswith(s):
            # the next one (and so the longest chain end) contains s
            k = j
            while k + 1 < len(by_rev) and by_rev[k + 1].endswith(s):
                k += 1
            owner[s] = by_rev[k]
    out = bytearray(b"\0")
    offsets: Dict[str, int] = {"": 0}
    for s in uniq:
        if s not in owner:
            offsets[s] = len(out)
            out += s.encode("utf-8", "surrogateescape") + b"\0"
    for s, o in owner.items():
        offsets[s] = offsets[o] + len(o.encode("utf-8", "surrogateescape")) - \
            len(s.encode("utf-8", "surrogateescape"))
    return bytes(out), offsets


def _align(n: int, a: int) -> int:
    return (n + a - 1) & -a if a > 1 else n


class ObjectWriter:
    def __init__(self, osabi: int = 0) -> None:
        self.sections: List[OSection] = []
        self.symbols: List[OSymbol] = []
        self.groups: List[tuple] = []          # (group section, signature, members)
        self.osabi = osabi

    def add_section(self, sec: OSection) -> OSection:
        self.sections.append(sec)
        return sec

    def add_group(self, signature: object, members: List[OSection]) -> OSection:
        """A COMDAT group (SHT_GROUP `.group`, before all other sections, as
        BFD puts them); `signature` is an OSymbol (may be set later through
        the returned section's `relocs` slot: see to_bytes)."""
        g = OSection(".group", SHT_GROUP, 0, 4, 4)
        self.groups.append((g, signature, members))
        return g

    def add_symbol(self, sym: OSymbol) -> OSymbol:
        self.symbols.append(sym)
        return sym

    def to_bytes(self) -> bytes:
        # Section header order: each section followed by its relocations.
        headers: List[OSection] = [OSection("", 0, 0, 0)]
        rela_of: Dict[int, OSection] = {}
        for g, _, _ in self.groups:
            g.index = len(headers)
            headers.append(g)
        for s in self.sections:
            s.index = len(headers)
            headers.append(s)
            if s.relocs:
                r = OSection(".rela" + s.name, SHT_RELA,
                             SHF_INFO_LINK | (s.flags & SHF_GROUP), 8, 24)
                r.info = s.index
                rela_of[id(s)] = r
                r.index = len(headers)
                headers.append(r)
        symtab = OSection(".symtab", SHT_SYMTAB, 0, 8, 24)
        strtab = OSection(".strtab", SHT_STRTAB, 0, 1)
        shstrtab = OSection(".shstrtab", SHT_STRTAB, 0, 1)
        # BFD leaves out an empty symbol table (no symbols, no relocations).
        tables = [symtab, strtab, shstrtab] if self.symbols or rela_of else [shstrtab]
        for s in tables:
            s.index = len(headers)
            headers.append(s)
        symtab.link = strtab.index
        if len(headers) >= 0xFF00:
            # extended section numbering (SHT_SYMTAB_SHNDX) is not written
            raise ValueError("too many sections (%d) for an ELF object" % len(headers))

        # Symbols: the null symbol, locals, then globals.
        locals_ = [y for y in self.symbols if y.bind == STB_LOCAL]
        globals_ = [y for y in self.symbols if y.bind != STB_LOCAL]
        ordered = locals_ + globals_
        for i, y in enumerate(ordered, 1):
            y.index = i
        symtab.info = len(locals_) + 1
        names = [y.name for y in ordered if y.type != 3]   # STT_SECTION: no name
        strdata, stroff = _strtab(names)
        strtab.data = strdata
        sym = bytearray(24)
        for y in ordered:
            if isinstance(y.shndx, OSection):
                shndx = y.shndx.index
            else:
                shndx = int(y.shndx)  # type: ignore[call-overload]
            name_off = 0 if y.type == 3 else stroff[y.name]
            sym += struct.pack("<IBBHQQ", name_off, (y.bind << 4) | y.type, y.other,
                               shndx, y.value & 0xFFFFFFFFFFFFFFFF, y.size)
        symtab.data = bytes(sym)

        for g, sig, members in self.groups:
            g.link = symtab.index
            g.info = sig.index
            words = [1]                        # GRP_COMDAT
            for m in members:
                words.append(m.index)
                if id(m) in rela_of:
                    words.append(rela_of[id(m)].index)
            g.data = struct.pack("<%dI" % len(words), *words)

        # Relocation sections.
        for s in self.sections:
            rel = rela_of.get(id(s))
            if rel is None:
                continue
            rel.link = symtab.index
            buf = bytearray()
            for off, typ, symref, addend in s.relocs:
                idx = symref.index if isinstance(symref, OSymbol) else int(symref)
                buf += struct.pack("<QQq", off, (idx << 32) | typ, addend)
            rel.data = bytes(buf)

        # .shstrtab: X shares its name with .rela.X; equal names are stored once.
        shbuf = bytearray(b"\0")
        seen: Dict[str, int] = {}

        def add(name: str) -> int:
            off = seen.get(name)
            if off is None:
                off = seen[name] = len(shbuf)
                shbuf.extend(name.encode("utf-8", "surrogateescape") + b"\0")
            return off
        for h in tables:
            h.name_off = add(h.name)
        for g, _, _ in self.groups:
            g.name_off = add(g.name)
        for s in self.sections:
            rel = rela_of.get(id(s))
            if rel is not None:
                rel.name_off = add(rel.name)
                s.name_off = rel.name_off + 5
            else:
                s.name_off = add(s.name)
        shstrtab.data = bytes(shbuf)

        # File layout.
        offsets: Dict[int, int] = {}
        pos = 64
        late = [h for h in headers[1:] if h.type == SHT_RELA] + [shstrtab]
        late_ids = {id(h) for h in late}
        for h in headers[1:]:
            if id(h) in late_ids:
                continue
            pos = _align(pos, max(h.align, 1))
            offsets[id(h)] = pos
            if h.type != SHT_NOBITS:
                pos += len(h.data)
        for h in late:
            pos = _align(pos, max(h.align, 1))
            offsets[id(h)] = pos
            pos += len(h.data)
        shoff = _align(pos, 8)

        out = bytearray(shoff + 64 * len(headers))
        ident = b"\x7fELF" + bytes([2, 1, 1, self.osabi]) + bytes(8)
        out[0:64] = ident + struct.pack("<HHIQQQIHHHHHH", ET_REL, EM_X86_64, 1, 0, 0, shoff,
                                        0, 64, 0, 0, 64, len(headers), shstrtab.index)
        for h in headers[1:]:
            if h.type != SHT_NOBITS and h.data:
                o = offsets[id(h)]
                out[o:o + len(h.data)] = h.data
        for i, h in enumerate(headers):
            if i == 0:
                continue
            size = h.size if h.type == SHT_NOBITS else len(h.data)
            struct.pack_into("<IIQQQQIIQQ", out, shoff + 64 * i, h.name_off, h.type, h.flags,
                             0, offsets[id(h)], size, h.link, h.info, h.align, h.entsize)
        return bytes(out)
