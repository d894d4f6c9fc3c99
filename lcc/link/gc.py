"""--gc-sections: drop the allocated input sections nothing live refers to.

Roots as in GNU ld: the entry symbol, -u symbols, exported symbols, and the
sections its default script KEEPs (.init, .fini, init/fini arrays, notes)
plus sections named like C identifiers (reached through __start_/__stop_
symbols) and .gcc_except_table. Relocations from .eh_frame do not keep
anything alive (the FDEs of dropped functions point nowhere and are left
out of .eh_frame_hdr).
"""
from __future__ import annotations

import re
from typing import Any, Iterable, List, Set

from lcc.elf.consts import (
    SHF_ALLOC, SHF_EXECINSTR, SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOTE, SHT_PREINIT_ARRAY,
)
from lcc.link.symbols import REGULAR, SymbolTable

_C_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_KEEP_PREFIXES = (".init_array", ".fini_array", ".preinit_array", ".ctors", ".dtors",
                  ".gcc_except_table")


def _kept(sec: Any) -> bool:
    name = sec.name
    return (name in (".init", ".fini") or sec.type in (SHT_INIT_ARRAY, SHT_FINI_ARRAY,
                                                        SHT_PREINIT_ARRAY, SHT_NOTE)
            or name.startswith(_KEEP_PREFIXES) or name.startswith(".note")
            or _C_IDENT.match(name) is not None)


def _follow(sec: Any, mark: Any, data_only: bool) -> None:
    obj = sec.obj
    gsyms, syms, secs = obj.gsyms, obj.symbols, obj.sections
    for _off, _typ, si, _a in sec.rela:
        s = gsyms[si]
        if s is None:
            shndx = syms[si][4]
            target = secs[shndx] if 0 < shndx < len(secs) else None
        elif s.kind == REGULAR:
            target = s.sec
        else:
            continue
        if target is not None and not (data_only and target.flags & SHF_EXECINSTR):
            mark(target)


def collect_garbage(table: SymbolTable, roots: Iterable[str], export_all: bool) -> int:
    """Marks dead sections discarded; returns how many were dropped."""
    live: Set[int] = set()
    stack: List[Any] = []

    def mark(sec: Any) -> None:
        if sec is not None and id(sec) not in live and sec.flags & SHF_ALLOC \
                and not sec.discarded:
            live.add(id(sec))
            stack.append(sec)
    for name in roots:
        s = table.syms.get(name)
        if s is not None and s.kind == REGULAR:
            mark(s.sec)
    # what shared libraries may bind to stays (see dynamic.Dynamic)
    dso_names: Set[str] = set()
    for d in table.dsos:
        dso_names.update(d.undefined)
        dso_names.update(d.defined)
    for s in table.syms.values():
        if s.kind == REGULAR and s.vis == 0 and (export_all or s.name in dso_names):
            mark(s.sec)
    for obj in table.objects:
        for sec in obj.sections:
            if sec is not None and sec.flags & SHF_ALLOC and _kept(sec):
                mark(sec)
    # .eh_frame: its references to data (personality pointers such as
    # DW.ref.__gxx_personality_v0, LSDAs) are live, its FDEs' code is not
    for obj in table.objects:
        for sec in obj.sections:
            if sec is not None and sec.name == ".eh_frame" and sec.rela is not None:
                _follow(sec, mark, data_only=True)
    while stack:
        sec = stack.pop()
        if sec.rela is not None and sec.name != ".eh_frame":
            _follow(sec, mark, data_only=False)
    dropped = 0
    for obj in table.objects:
        for sec in obj.sections:
            if sec is not None and sec.flags & SHF_ALLOC and id(sec) not in live \
                    and not sec.discarded and sec.name != ".eh_frame":
                sec.discarded = True
                dropped += 1
    return dropped
