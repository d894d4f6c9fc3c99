"""Global symbol resolution: objects, archive members, shared libraries.

The rules are GNU ld's: a strong definition beats a weak one and a common
one, two strong definitions are an error, a regular object's definition
beats a shared library's, archive members are pulled only for strong
undefined references, and the first comdat group of a signature wins.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from lcc.elf.consts import (
    SHN_ABS, SHN_COMMON, SHN_UNDEF, STB_LOCAL, STB_WEAK, STT_FILE, STT_GNU_IFUNC,
    STT_TLS, STV_DEFAULT,
)
from lcc.link.objfile import Archive, DsoSymbol, LinkError, ObjectFile, SharedLibrary

UNDEF, REGULAR, COMMON, DSO, LINKER = 0, 1, 2, 3, 4


class Symbol:
    """One global name and what it resolved to."""

    __slots__ = ("name", "kind", "sec", "value", "size", "type", "bind", "vis", "dso",
                 "dsym", "ref", "strong_ref", "ref_file", "def_file", "common_align",
                 "plt", "got", "tpgot", "copy", "canonical", "dynidx", "export", "addr",
                 "in_obj", "preempt")

    def __init__(self, name: str) -> None:
        self.name = name
        self.kind = UNDEF
        self.sec: Any = None     # InputSection (or Blob) of a REGULAR/COMMON definition
        self.value = 0
        self.size = 0
        self.type = 0
        self.bind = STB_WEAK
        self.vis = STV_DEFAULT
        self.dso: Optional[SharedLibrary] = None
        self.dsym: Optional[DsoSymbol] = None
        self.ref = False          # referenced by a regular object
        self.strong_ref = False   # ... by a non-weak reference
        self.ref_file = ""
        self.def_file = ""
        self.common_align = 1
        self.plt = -1             # PLT entry index
        self.got = -1             # GOT slot index (address)
        self.tpgot = -1           # GOT slot index (TP offset)
        self.copy = False         # copy-relocated into .bss
        self.canonical = False    # its address is the PLT entry
        self.dynidx = 0
        self.export = False
        self.addr = 0
        self.in_obj = False       # seen in a regular object (defined or referenced)
        self.preempt = False      # exported by a shared object: references go
                                  # through the GOT / dynamic relocations

    @property
    def imported(self) -> bool:
        """Resolved at run time from a shared library."""
        return self.kind == DSO and not self.copy

    @property
    def ifunc(self) -> bool:
        return self.type == STT_GNU_IFUNC and self.kind == REGULAR


class SymbolTable:
    def __init__(self) -> None:
        self.syms: Dict[str, Symbol] = {}
        self.objects: List[ObjectFile] = []
        self.dsos: List[SharedLibrary] = []
        self.comdats: set = set()
        self.undefined: Dict[str, Symbol] = {}   # strong refs not yet defined
        self.commons: Dict[str, Symbol] = {}     # common symbols (an archive's real
                                                 # definition replaces them, as in ld)

    def get(self, name: str) -> Symbol:
        s = self.syms.get(name)
        if s is None:
            s = self.syms[name] = Symbol(name)
        return s

    # -- relocatable objects ------------------------------------------
    def add_object(self, obj: ObjectFile) -> None:
        self.objects.append(obj)
        secs = obj.sections
        syms = obj.symbols
        for g in obj.groups:
            if not g.comdat:
                continue
            if g.signature in self.comdats:
                for m in g.members:
                    if m < len(secs):
                        secs[m].discarded = True  # type: ignore[union-attr]
            else:
                self.comdats.add(g.signature)
        gsyms: List[object] = [None] * len(syms)
        table = self.syms
        for i in range(obj.first_global, len(syms)):
            name, bind, typ, vis, shndx, value, size = syms[i]
            if bind == STB_LOCAL or typ == STT_FILE:
                continue
            s = table.get(name)
            if s is None:
                s = table[name] = Symbol(name)
            gsyms[i] = s
            s.in_obj = True
            if vis != STV_DEFAULT and (s.vis == STV_DEFAULT or vis < s.vis):
                s.vis = vis
            if shndx == SHN_UNDEF or (shndx < SHN_ABS and secs[shndx].discarded):  # type: ignore
                if not s.ref_file:
                    s.ref_file = obj.path
                s.ref = True
                if typ and not s.type:
                    s.type = typ
                if bind != STB_WEAK:
                    s.strong_ref = True
                    if s.kind == UNDEF:
                        self.undefined[name] = s
                continue
            if shndx == SHN_COMMON:
                if s.kind == REGULAR:
                    continue
                if s.kind == COMMON and s.size >= size:
                    s.common_align = max(s.common_align, value)
                    continue
                s.kind, s.size, s.common_align = COMMON, size, max(value, s.common_align)
                self.commons[name] = s
                s.type, s.bind, s.def_file, s.sec = typ, bind, obj.path, None
                s.dso = None
                self.undefined.pop(name, None)
                continue
            if s.kind == REGULAR:
                if bind == STB_WEAK or s.bind != STB_WEAK:
                    if bind != STB_WEAK and s.bind != STB_WEAK:
                        raise LinkError(f"{obj.path}: multiple definition of `{name}'; "
                                        f"{s.def_file}: first defined here")
                    continue
            s.kind = REGULAR
            self.commons.pop(name, None)
            s.sec = secs[shndx] if shndx < SHN_ABS else None
            s.value, s.size, s.type, s.bind = value, size, typ, bind
            s.def_file = obj.path
            s.dso = None
            self.undefined.pop(name, None)
        obj.gsyms = gsyms

    # -- shared libraries ----------------------------------------------
    def add_dso(self, dso: SharedLibrary) -> None:
        self.dsos.append(dso)
        table = self.syms
        for name, d in dso.defined.items():
            s = table.get(name)
            if s is None:
                # Remember it: a later object's reference resolves to it.
                s = table[name] = Symbol(name)
            elif s.kind != UNDEF:
                continue
            s.kind, s.dso, s.dsym = DSO, dso, d
            s.type, s.size = d.type, d.size
            if s.type == STT_GNU_IFUNC:
                s.type = 2  # an IFUNC in a library is a function to its users
            self.undefined.pop(name, None)

    # -- archives ---------------------------------------------------------
    def pull(self, archive: Archive) -> bool:
        """Load the members that define currently undefined strong symbols;
        True when any was loaded."""
        any_loaded = False
        index = archive.index
        while True:
            todo = [index[n][0] for n in list(self.undefined) if n in index]
            for n in list(self.commons):
                offs = index.get(n)
                off = offs[0] if offs else None
                if off is not None and off not in archive.loaded and \
                        (n, off) not in archive.checked:
                    archive.checked.add((n, off))
                    if _defines(archive.member(off), n):
                        todo.append(off)
            todo = [o for o in dict.fromkeys(todo) if o not in archive.loaded]
            if not todo:
                return any_loaded
            for off in todo:
                if off in archive.loaded:
                    continue
                archive.loaded.add(off)
                self.add_object(archive.member(off))
                any_loaded = True


def _defines(obj: ObjectFile, name: str) -> bool:
    """A real (not common) definition of name in obj."""
    for sym in obj.symbols[obj.first_global:]:
        if sym[0] == name and sym[4] not in (SHN_UNDEF, SHN_COMMON):
            return True
    return False


def is_tls(s: Symbol) -> bool:
    return s.type == STT_TLS
