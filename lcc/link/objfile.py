"""The linker's view of its input files: relocatable objects, shared
libraries and archives.

The format is parsed by lcc.elf.reader and lcc.elf.archive (one reader for
the whole project); this module keeps what the linker needs in the shape
its hot loops want (it touches every symbol and relocation of programs
such as SQLite): symbols as the reader's tuples (ElfFile.symbol_rows),
relocations as tuples (ElfFile.relocs_of), and each section's link state
(InputSection).  It also turns the reader's errors into LinkError in GNU
ld's words.
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Set

from lcc.elf.archive import ArchiveError, read_archive
from lcc.elf.consts import (
    EM_X86_64, ET_DYN, ET_REL, SHN_UNDEF, SHT_NOBITS, SHT_RELA, SHT_SYMTAB_SHNDX,
)
from lcc.elf.reader import ElfError, ElfFile, Section, Symbol, read_elf

# A shared library's dynamic symbol: the reader's Symbol (name, type, bind,
# value, size, shndx; version is None when unversioned).
DsoSymbol = Symbol


class LinkError(Exception):
    """A link that cannot succeed; the message is printed by the driver."""


def _open(data: bytes, path: str, want: int) -> ElfFile:
    """data as an x86-64 ELF file of type want (ET_REL or ET_DYN)."""
    try:
        elf: Optional[ElfFile] = read_elf(data, path)
    except ElfError as e:
        if e.kind == "format":
            raise LinkError(f"{path}: file format not recognized") from None
        if e.kind not in ("class", "machine"):
            raise LinkError(str(e)) from None
        elf = None
    if elf is None or elf.machine != EM_X86_64:
        raise LinkError(f"{path}: is incompatible with elf_x86_64")
    if elf.type != want:
        kind = {ET_REL: "relocatable", ET_DYN: "shared object"}.get(elf.type, str(elf.type))
        raise LinkError(f"{path}: unexpected ELF type ({kind})")
    return elf


class InputSection:
    """One section of a relocatable object, and where it ends up."""

    __slots__ = ("obj", "index", "name", "type", "flags", "align", "entsize", "size",
                 "foff", "rela", "out", "offset", "link", "info", "discarded")

    def __init__(self, obj: "ObjectFile", sec: Section) -> None:
        self.obj = obj
        self.index = sec.index
        self.name = sec.name
        self.type, self.flags, self.size = sec.type, sec.flags, sec.size
        self.foff = sec.offset            # in the file (`offset` is in the output section)
        self.link, self.info, self.entsize = sec.link, sec.info, sec.entsize
        self.align = max(sec.align, 1)
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
    """An ET_REL object (a file or an archive member): `sections`
    (InputSection per header), `symbols` (ElfFile.symbol_rows tuples:
    name, bind, type, visibility, shndx, value, size), `first_global`,
    `groups` (the reader's Group), and `gsyms`, the global Symbol for each
    symbol index (None for locals), set by the SymbolTable."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path
        elf = _open(data, path, ET_REL)
        try:
            self.sections: List[Optional[InputSection]] = [
                InputSection(self, s) for s in elf.sections]
            if any(s.type == SHT_SYMTAB_SHNDX for s in elf.sections):
                # special section numbers (SHN_ABS...) and real ones would mix
                raise LinkError(f"{path}: objects with more than 65279 sections "
                                "(SHN_XINDEX symbols) are not supported")
            self.symbols = elf.symbol_rows()
            self.first_global = elf.first_global
            self.groups = elf.groups
            for s in elf.sections:
                if s.type == SHT_RELA and 0 < s.info < len(self.sections):
                    self.sections[s.info].rela = elf.relocs_of(s)  # type: ignore[union-attr]
        except ElfError as e:
            raise LinkError(str(e)) from None
        self.gsyms: List[object] = []


class SharedLibrary:
    """An ET_DYN input: its soname, the dynamic symbols a link may bind to
    (`defined`, ElfFile.exported: default versions only) and the names it
    needs from others (`undefined`)."""

    def __init__(self, data: bytes, path: str, as_needed: bool) -> None:
        self.path = path
        self.as_needed = as_needed
        self.needed = False
        elf = _open(data, path, ET_DYN)
        try:
            self.soname = elf.soname or os.path.basename(path)
            self.defined: Dict[str, DsoSymbol] = elf.exported()
            self.undefined: List[str] = [r[0] for r in elf.dyn_symbol_rows()[1:]
                                         if r[1] and r[4] == SHN_UNDEF]
        except ElfError as e:
            raise LinkError(str(e)) from None
        self._by_value: Optional[Dict[int, List[DsoSymbol]]] = None

    def aliases(self, value: int) -> List[DsoSymbol]:
        """Symbols defined at the same address (copy relocations copy them all)."""
        if self._by_value is None:
            self._by_value = {}
            for s in self.defined.values():
                self._by_value.setdefault(s.value, []).append(s)
        return self._by_value.get(value, [])


class Archive:
    """A `!<arch>` input (lcc.elf.archive's parse): `index` (symbol ->
    member header offsets, the first is the one to pull), members read on
    demand, and what the linker has done with them."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            self._ar = read_archive(data, path)
            self.index: Dict[str, List[int]] = self._ar.index
        except (ArchiveError, ElfError) as e:
            raise LinkError(str(e)) from None
        self.loaded: Set[int] = set()
        self.checked: set = set()   # (common symbol, member) already looked at

    def all_members(self) -> List[int]:
        """Header offsets of every member in file order (--whole-archive)."""
        return [m.offset for m in self._ar.members]

    def member(self, off: int) -> ObjectFile:
        try:
            m = self._ar.member_at(off)
            data = m.data
        except ArchiveError as e:
            raise LinkError(str(e)) from None
        except OSError as e:  # a thin archive's member file
            raise LinkError(f"cannot open {m.path}: {e.strerror}") from None
        return ObjectFile(data, m.path)
