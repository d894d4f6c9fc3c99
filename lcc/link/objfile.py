"""The linker's view of its input files: relocatable objects, shared
libraries and archives, read straight from ELF64 little-endian bytes.

This is deliberately a thin, fast reader (the linker touches every symbol
and relocation of large programs such as SQLite): tuples from
struct.iter_unpack rather than an object per symbol or relocation.
"""
from __future__ import annotations

import struct
from typing import Dict, List, Optional, Tuple

from lcc.elf.consts import (
    EM_X86_64, ET_DYN, ET_REL, SHN_UNDEF, SHN_XINDEX, SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_VERDEF,
    SHT_GNU_VERSYM, SHT_GROUP, SHT_NOBITS, SHT_RELA, SHT_SYMTAB, DT_SONAME,
)


class LinkError(Exception):
    """A link that cannot succeed; the message is printed by the driver."""


_EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
_SHDR = struct.Struct("<IIQQQQIIQQ")
GRP_COMDAT = 1


def _cstr(data: bytes, off: int) -> str:
    end = data.index(b"\0", off)
    return data[off:end].decode("utf-8", "surrogateescape")


class InputSection:
    """One section of a relocatable object, and where it ends up."""

    __slots__ = ("obj", "index", "name", "type", "flags", "align", "entsize", "size",
                 "foff", "rela", "out", "offset", "link", "info", "discarded")

    def __init__(self, obj: "ObjectFile", index: int, name: str, hdr: tuple) -> None:
        self.obj = obj
        self.index = index
        self.name = name
        (_, self.type, self.flags, _, self.foff, self.size, self.link, self.info,
         align, self.entsize) = hdr
        self.align = max(align, 1)
        self.rela: Optional[list] = None  # [(offset, type, symindex, addend)]
        self.out: object = None           # the OutputSection
        self.offset = 0                   # within the output section
        self.discarded = False

    @property
    def addr(self) -> int:
        return self.out.addr + self.offset  # type: ignore[attr-defined]

    def data(self) -> bytes:
        if self.type == SHT_NOBITS:
            return b""
        return self.obj.data[self.foff:self.foff + self.size]


class ObjectFile:
    """An ET_REL object (a file or an archive member)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path
        shdrs = _headers(data, path, ET_REL)
        shstrndx = _EHDR.unpack_from(data)[13]
        if shstrndx == SHN_XINDEX:
            shstrndx = shdrs[0][6]
        shstr = shdrs[shstrndx]
        names = data[shstr[4]:shstr[4] + shstr[5]]
        self.sections: List[Optional[InputSection]] = []
        symtab = None
        relas: List[tuple] = []
        self.groups: List[Tuple[int, List[int], int]] = []  # (sig sym, members, flags)
        for i, h in enumerate(shdrs):
            sec = InputSection(self, i, _cstr(names, h[0]), h)
            self.sections.append(sec)
            if h[1] == SHT_SYMTAB:
                symtab = h
            elif h[1] == SHT_RELA:
                relas.append(h)
            elif h[1] == SHT_GROUP:
                words = struct.unpack_from(f"<{h[5] // 4}I", data, h[4])
                self.groups.append((h[7], list(words[1:]), words[0]))
        # symbols: (name, bind, type, other, shndx, value, size)
        self.symbols: List[tuple] = []
        self.first_global = 0
        if symtab is not None:
            strh = shdrs[symtab[6]]
            strtab = data[strh[4]:strh[4] + strh[5]]
            self.first_global = symtab[7]
            syms = []
            for name, info, other, shndx, value, size in struct.iter_unpack(
                    "<IBBHQQ", data[symtab[4]:symtab[4] + symtab[5]]):
                syms.append((_cstr(strtab, name) if name else "", info >> 4, info & 15,
                             other & 3, shndx, value, size))
                if shndx == SHN_XINDEX:
                    raise LinkError(f"{path}: objects with more than 65279 sections "
                                    "(SHN_XINDEX symbols) are not supported")
            self.symbols = syms
        for h in relas:
            target = self.sections[h[7]]
            if target is None:
                continue
            target.rela = [(off, info & 0xffffffff, info >> 32, addend)
                           for off, info, addend in struct.iter_unpack(
                               "<QQq", data[h[4]:h[4] + h[5]])]
        # the global Symbol for each symbol index (None for locals)
        self.gsyms: List[object] = []


def _headers(data: bytes, path: str, want: int) -> List[tuple]:
    if data[:4] != b"\x7fELF":
        raise LinkError(f"{path}: file format not recognized")
    h = _EHDR.unpack_from(data)
    ident, etype, machine = h[0], h[1], h[2]
    if ident[4] != 2 or ident[5] != 1 or machine != EM_X86_64:
        raise LinkError(f"{path}: is incompatible with elf_x86_64")
    if etype != want:
        kind = {ET_REL: "relocatable", ET_DYN: "shared object"}.get(etype, str(etype))
        raise LinkError(f"{path}: unexpected ELF type ({kind})")
    shoff, shentsize, shnum = h[6], h[11], h[12]
    if shnum == 0 and shoff:
        shnum = _SHDR.unpack_from(data, shoff)[5]
    return [_SHDR.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]


class DsoSymbol:
    __slots__ = ("name", "type", "bind", "value", "size", "version", "shndx")

    def __init__(self, name: str, type_: int, bind: int, value: int, size: int,
                 version: str, shndx: int) -> None:
        self.name, self.type, self.bind, self.value = name, type_, bind, value
        self.size, self.version, self.shndx = size, version, shndx


class SharedLibrary:
    """An ET_DYN input: its soname and dynamic symbols (default versions)."""

    def __init__(self, data: bytes, path: str, as_needed: bool) -> None:
        self.path = path
        self.as_needed = as_needed
        self.needed = False
        shdrs = _headers(data, path, ET_DYN)
        dynsym = next((h for h in shdrs if h[1] == SHT_DYNSYM), None)
        versym = next((h for h in shdrs if h[1] == SHT_GNU_VERSYM), None)
        verdef = next((h for h in shdrs if h[1] == SHT_GNU_VERDEF), None)
        dynamic = next((h for h in shdrs if h[1] == SHT_DYNAMIC), None)
        self.soname = path.rsplit("/", 1)[-1]
        self.defined: Dict[str, DsoSymbol] = {}
        self.undefined: List[str] = []
        if dynsym is None:
            return
        strh = shdrs[dynsym[6]]
        strtab = data[strh[4]:strh[4] + strh[5]]
        if dynamic is not None:
            for tag, val in struct.iter_unpack("<qQ", data[dynamic[4]:dynamic[4] + dynamic[5]]):
                if tag == DT_SONAME:
                    self.soname = _cstr(strtab, val)
        vernames: Dict[int, str] = {}
        if verdef is not None:
            off = verdef[4]
            for _ in range(verdef[7]):
                _v, _flags, ndx, cnt, _hash, aux, nxt = struct.unpack_from("<HHHHIII", data, off)
                if cnt:
                    vernames[ndx] = _cstr(strtab, struct.unpack_from("<I", data, off + aux)[0])
                if not nxt:
                    break
                off += nxt
        n = dynsym[5] // 24
        vers = (struct.unpack_from(f"<{n}H", data, versym[4]) if versym is not None
                else (1,) * n)
        defined = self.defined
        for i, (name, info, other, shndx, value, size) in enumerate(struct.iter_unpack(
                "<IBBHQQ", data[dynsym[4]:dynsym[4] + dynsym[5]])):
            bind = info >> 4
            if i == 0 or bind == 0:
                continue
            sname = _cstr(strtab, name)
            if shndx == SHN_UNDEF:
                self.undefined.append(sname)
                continue
            ver = vers[i]
            if ver & 0x8000:
                continue  # a hidden (non-default) version: not linkable by name
            if (other & 3) in (2, 1):  # hidden/internal: not visible
                continue
            defined[sname] = DsoSymbol(sname, info & 15, bind, value, size,
                                       vernames.get(ver, ""), shndx)
        self._by_value: Optional[Dict[int, List[DsoSymbol]]] = None

    def aliases(self, value: int) -> List[DsoSymbol]:
        """Symbols defined at the same address (copy relocations copy them all)."""
        if self._by_value is None:
            self._by_value = {}
            for s in self.defined.values():
                self._by_value.setdefault(s.value, []).append(s)
        return self._by_value.get(value, [])


class Archive:
    """A `!<arch>` file: its symbol index, members read on demand."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path
        self.index: Dict[str, int] = {}   # symbol -> member header offset
        self.loaded: set = set()
        self.checked: set = set()   # (common symbol, member) already looked at
        longnames = b""
        off = 8
        first = True
        while off + 60 <= len(data):
            name = data[off:off + 16]
            size = int(data[off + 48:off + 58])
            body = off + 60
            if name.startswith(b"/ ") and first:
                count = struct.unpack_from(">I", data, body)[0]
                offs = struct.unpack_from(f">{count}I", data, body + 4)
                strs = data[body + 4 + 4 * count:body + size].split(b"\0")
                for o, s in zip(offs, strs):
                    self.index.setdefault(s.decode("utf-8", "surrogateescape"), o)
            elif name.startswith(b"/SYM64/"):
                count = struct.unpack_from(">Q", data, body)[0]
                offs = struct.unpack_from(f">{count}Q", data, body + 8)
                strs = data[body + 8 + 8 * count:body + size].split(b"\0")
                for o, s in zip(offs, strs):
                    self.index.setdefault(s.decode("utf-8", "surrogateescape"), o)
            elif name.startswith(b"// "):
                longnames = data[body:body + size]
            first = False
            off = body + size + (size & 1)
            if not (name.startswith(b"/ ") or name.startswith(b"// ")
                    or name.startswith(b"/SYM64/")):
                break   # the special members come first
        self._longnames = longnames
        if not self.index:
            self._scan_members()

    def all_members(self) -> set:
        """Header offsets of every regular member (--whole-archive)."""
        offs = set()
        off = 8
        data = self.data
        while off + 60 <= len(data):
            size = int(data[off + 48:off + 58])
            name = data[off:off + 16]
            if not name.startswith(b"/") or name[1:2].isdigit():
                offs.add(off)
            off += 60 + size + (size & 1)
        return offs

    def _scan_members(self) -> None:
        """An archive without a symbol index: read every member's symbols."""
        off = 8
        data = self.data
        while off + 60 <= len(data):
            size = int(data[off + 48:off + 58])
            name = data[off:off + 16]
            if not name.startswith(b"/") or name[1:2].isdigit():
                body = data[off + 60:off + 60 + size]
                if body[:4] == b"\x7fELF":
                    obj = ObjectFile(body, "")
                    for s in obj.symbols[obj.first_global:]:
                        if s[4] != SHN_UNDEF:
                            self.index.setdefault(s[0], off)
            off += 60 + size + (size & 1)

    def member(self, off: int) -> ObjectFile:
        data = self.data
        raw = data[off:off + 16].decode("latin-1").rstrip()
        size = int(data[off + 48:off + 58])
        if raw.startswith("/") and raw[1:].isdigit():
            start = int(raw[1:])
            end = self._longnames.index(b"\n", start)
            name = self._longnames[start:end].decode("latin-1").rstrip("/")
        else:
            name = raw.rstrip("/")
        return ObjectFile(data[off + 60:off + 60 + size], f"{self.path}({name})")
