"""The dynamic-linking tables of an executable: .interp, .dynsym/.dynstr,
.gnu.hash, .gnu.version/.gnu.version_r, .rela.dyn, .rela.plt, .plt, .got,
.got.plt and .dynamic.

Binding is always immediate (DT_FLAGS BIND_NOW, DF_1_NOW): each PLT entry
is a single `jmp *slot(%rip)` through a .got.plt slot that ld.so fills
from its R_X86_64_JUMP_SLOT relocation at load time, so there is no lazy
resolver stub (PLT0) to build.
"""
from __future__ import annotations

import struct
from typing import Dict, List, Optional, Tuple

from lcc.elf.consts import (
    DF_1_NOW, DF_1_PIE, DF_BIND_NOW, DF_STATIC_TLS, DT_SONAME, DT_BIND_NOW, DT_DEBUG,
    DT_FINI, DT_FINI_ARRAY,
    DT_FINI_ARRAYSZ, DT_FLAGS, DT_FLAGS_1, DT_GNU_HASH, DT_INIT, DT_INIT_ARRAY,
    DT_INIT_ARRAYSZ, DT_JMPREL, DT_NEEDED, DT_NULL, DT_PLTGOT, DT_PLTREL, DT_PLTRELSZ,
    DT_PREINIT_ARRAY, DT_PREINIT_ARRAYSZ, DT_RELA, DT_RELAENT, DT_RELASZ, DT_RUNPATH,
    DT_STRSZ, DT_STRTAB, DT_SYMENT, DT_SYMTAB, DT_TEXTREL, DT_VERNEED, DT_VERNEEDNUM,
    DT_VERSYM, R_X86_64, SHF_ALLOC, SHF_EXECINSTR, SHF_INFO_LINK, SHF_WRITE,
    SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_HASH, SHT_GNU_VERNEED, SHT_GNU_VERSYM,
    SHT_PROGBITS, SHT_RELA, SHT_STRTAB, STB_GLOBAL, STB_WEAK, STT_FUNC, STT_TLS, STT_OBJECT,
    STV_DEFAULT,
)
from lcc.elf.reader import elf_hash
from lcc.link.layout import OutputSection
from lcc.link.reloc import Needs
from lcc.link.symbols import COMMON, DSO, LINKER, REGULAR, UNDEF, Symbol, SymbolTable

PLT_ENTRY = 16
_NOP10 = bytes.fromhex("660f1f4400000f1f4000")



def gnu_hash(name: bytes) -> int:
    h = 5381
    for c in name:
        h = (h * 33 + c) & 0xffffffff
    return h


class StrTab:
    def __init__(self) -> None:
        self.data = bytearray(b"\0")
        self.index: Dict[str, int] = {"": 0}

    def add(self, s: str) -> int:
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.data)
            self.data += s.encode("utf-8", "surrogateescape") + b"\0"
        return i


def synthetic(outs: Dict[str, OutputSection], name: str, type_: int, flags: int,
              size: int, align: int, entsize: int = 0) -> OutputSection:
    o = OutputSection(name, type_, flags)
    o.size, o.align, o.entsize, o.synthetic = size, align, entsize, True
    outs[name] = o
    return o


def make_got(outs: Dict[str, OutputSection], needs: Needs, dynamic: bool,
             want_gotplt: bool) -> None:
    """.got, .plt and .got.plt, sized from the scan."""
    if needs.got:
        synthetic(outs, ".got", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8 * len(needs.got), 8, 8)
    if needs.plt:
        synthetic(outs, ".plt", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
                  PLT_ENTRY * len(needs.plt), 16, PLT_ENTRY)
    if needs.plt or want_gotplt:
        reserved = 3 if dynamic else 0
        synthetic(outs, ".got.plt", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
                  8 * (reserved + len(needs.plt)), 8, 8)


def fill_plt(outs: Dict[str, OutputSection], needs: Needs, dynamic: bool) -> None:
    plt, gotplt = outs.get(".plt"), outs.get(".got.plt")
    if plt is None or gotplt is None:
        return
    reserved = 3 if dynamic else 0
    code = bytearray()
    for i in range(len(needs.plt)):
        slot = gotplt.addr + 8 * (reserved + i)
        here = plt.addr + PLT_ENTRY * i
        code += b"\xff\x25" + struct.pack("<i", slot - (here + 6)) + _NOP10
    plt.content = bytes(code)


class Dynamic:
    """Dynamic symbols, versions and the tables built from them."""

    def __init__(self, table: SymbolTable, needs: Needs, opts: object, pie: bool,
                 shared: bool = False) -> None:
        self.table = table
        self.needs = needs
        self.opts = opts
        self.pie = pie
        self.shared = shared
        self.soname: str = getattr(opts, "soname", "") or ""
        self.dynstr = StrTab()
        # which libraries are needed: any used symbol of theirs, or not --as-needed
        used = [s for s in table.syms.values() if s.kind == DSO and s.ref]
        for s in used:
            s.dso.needed = True  # type: ignore[union-attr]
        self.needed = [d for d in table.dsos if d.needed or not d.as_needed]
        # copy-relocated symbols bring their aliases (environ / __environ)
        for s in list(needs.copies):
            for alias in s.dso.aliases(s.dsym.value):  # type: ignore[union-attr]
                a = table.syms.get(alias.name)
                if a is not None and a is not s and a.kind == DSO and a.dso is s.dso:
                    a.copy = True
                    a.ref = True
        exports = set()
        for d in table.dsos:
            exports.update(d.undefined)
            exports.update(d.defined)
        imports: List[Symbol] = []
        defined: List[Symbol] = []
        exp_all = getattr(opts, "export_dynamic", False)
        for s in table.syms.values():
            if s.kind == DSO:
                if s.copy:
                    defined.append(s)
                elif s.ref:
                    imports.append(s)
            elif s.kind == UNDEF and shared and s.ref:
                imports.append(s)
            elif s.kind in (REGULAR, COMMON) and s.vis == STV_DEFAULT and (
                    exp_all or shared or s.name in exports):
                s.export = True
                defined.append(s)
        # a canonical PLT entry is the function's address for everyone:
        # ld.so must find it in this executable's hash table
        defined += [s for s in imports if s.canonical]
        imports = [s for s in imports if not s.canonical]
        self.imports = imports
        # GNU hash: defined symbols after the undefined ones, grouped by bucket
        self.nbuckets = max(1, len(defined) // 4)
        hashes = {id(s): gnu_hash(s.name.encode("utf-8", "surrogateescape")) for s in defined}
        defined.sort(key=lambda s: hashes[id(s)] % self.nbuckets)
        self.hashes = hashes
        self.defined = defined
        self.dynsyms: List[Symbol] = imports + defined
        for i, s in enumerate(self.dynsyms):
            s.dynidx = i + 1
        for d in self.needed:
            self.dynstr.add(d.soname)
        for s in self.dynsyms:
            self.dynstr.add(s.name)
        for p in getattr(opts, "rpath", []):
            pass
        self.runpath = ":".join(getattr(opts, "rpath", []))
        if self.runpath:
            self.dynstr.add(self.runpath)
        if self.soname:
            self.dynstr.add(self.soname)
        # version requirements: library -> {version name: index}
        self.verneed: List[Tuple[str, List[Tuple[str, int]]]] = []
        self.versym: Dict[int, int] = {}
        next_index = 2
        by_dso: Dict[int, Dict[str, int]] = {}
        for s in imports + [s for s in defined if s.kind == DSO]:
            ver = s.dsym.version if s.dsym is not None else ""
            if not ver:
                continue
            vs = by_dso.setdefault(id(s.dso), {})
            if ver not in vs:
                vs[ver] = next_index
                next_index += 1
            self.versym[id(s)] = vs[ver]
        for d in self.needed:
            vers_used = by_dso.get(id(d))
            if vers_used:
                self.verneed.append((d.soname, sorted(vers_used.items(), key=lambda kv: kv[1])))
                for name in vers_used:
                    self.dynstr.add(name)

    # -- sizes --------------------------------------------------------
    def dynamic_entries(self, outs: Dict[str, OutputSection]) -> List[Tuple[int, object]]:
        """(tag, value or a function of the laid-out sections)"""
        e: List[Tuple[int, object]] = [(DT_NEEDED, self.dynstr.add(d.soname))
                                       for d in self.needed]
        if self.soname:
            e.append((DT_SONAME, self.dynstr.add(self.soname)))
        if self.runpath:
            e.append((DT_RUNPATH, self.dynstr.add(self.runpath)))
        sym = self.table.syms
        for tag, name in ((DT_INIT, "_init"), (DT_FINI, "_fini")):
            s = sym.get(name)
            if s is not None and s.kind == REGULAR:
                e.append((tag, s))
        for tag, sz, name in ((DT_PREINIT_ARRAY, DT_PREINIT_ARRAYSZ, ".preinit_array"),
                              (DT_INIT_ARRAY, DT_INIT_ARRAYSZ, ".init_array"),
                              (DT_FINI_ARRAY, DT_FINI_ARRAYSZ, ".fini_array")):
            if name in outs:
                e.append((tag, ("addr", name)))
                e.append((sz, ("size", name)))
        e += [(DT_GNU_HASH, ("addr", ".gnu.hash")), (DT_STRTAB, ("addr", ".dynstr")),
              (DT_SYMTAB, ("addr", ".dynsym")), (DT_STRSZ, ("size", ".dynstr")),
              (DT_SYMENT, 24)]
        if not self.shared:
            e.append((DT_DEBUG, 0))
        if ".got.plt" in outs:
            e.append((DT_PLTGOT, ("addr", ".got.plt")))
        if ".rela.plt" in outs:
            e += [(DT_PLTRELSZ, ("size", ".rela.plt")), (DT_PLTREL, 7),
                  (DT_JMPREL, ("addr", ".rela.plt"))]
        if ".rela.dyn" in outs:
            e += [(DT_RELA, ("addr", ".rela.dyn")), (DT_RELASZ, ("size", ".rela.dyn")),
                  (DT_RELAENT, 24)]
        if self.needs.textrel:
            e.append((DT_TEXTREL, 0))
        e.append((DT_BIND_NOW, 0))
        e.append((DT_FLAGS, DF_BIND_NOW | (4 if self.needs.textrel else 0) |
                  (DF_STATIC_TLS if self.needs.static_tls else 0)))
        e.append((DT_FLAGS_1, DF_1_NOW | (DF_1_PIE if self.pie else 0)))
        if self.verneed:
            e += [(DT_VERNEED, ("addr", ".gnu.version_r")),
                  (DT_VERNEEDNUM, len(self.verneed))]
        e.append((DT_VERSYM, ("addr", ".gnu.version")))
        e.append((DT_NULL, 0))
        return e

    def make_sections(self, outs: Dict[str, OutputSection], interp: Optional[str],
                      got_relocs: int, plt_relocs: int) -> None:
        ro = SHF_ALLOC
        if interp is not None:
            synthetic(outs, ".interp", SHT_PROGBITS, ro, len(interp) + 1, 1)
        n = len(self.dynsyms) + 1
        bloom = self.bloom_words()
        synthetic(outs, ".gnu.hash", SHT_GNU_HASH, ro,
                  16 + 8 * bloom + 4 * self.nbuckets + 4 * len(self.defined), 8)
        synthetic(outs, ".dynsym", SHT_DYNSYM, ro, 24 * n, 8, 24)
        synthetic(outs, ".gnu.version", SHT_GNU_VERSYM, ro, 2 * n, 2, 2)
        if self.verneed:
            size = sum(16 + 16 * len(v) for _, v in self.verneed)
            synthetic(outs, ".gnu.version_r", SHT_GNU_VERNEED, ro, size, 8)
        ndyn = self.needs.dyn_count + got_relocs + len(
            [s for s in self.dynsyms if s.copy and s in self.needs.copies])
        if ndyn:
            synthetic(outs, ".rela.dyn", SHT_RELA, ro, 24 * ndyn, 8, 24)
        if plt_relocs:
            synthetic(outs, ".rela.plt", SHT_RELA, ro | SHF_INFO_LINK, 24 * plt_relocs, 8, 24)
        self.entries = self.dynamic_entries(outs)
        synthetic(outs, ".dynamic", SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE,
                  16 * len(self.entries), 8, 16)
        # .dynstr last: every name is in by now
        synthetic(outs, ".dynstr", SHT_STRTAB, ro, len(self.dynstr.data), 1)

    # -- contents -------------------------------------------------------
    def fill(self, outs: Dict[str, OutputSection], interp: Optional[str],
             copy_shndx: int, tls_start: int = 0) -> None:
        if interp is not None:
            outs[".interp"].content = interp.encode() + b"\0"
        outs[".dynstr"].content = bytes(self.dynstr.data)
        syms = bytearray(24)
        versym = bytearray(2)
        for s in self.dynsyms:
            name = self.dynstr.add(s.name)
            typ = s.type if s.type else STT_FUNC if s.plt >= 0 else 0
            if (s.kind == DSO and not s.copy) or s.kind == UNDEF:
                bind = STB_WEAK if not s.strong_ref else STB_GLOBAL
                value = s.addr if s.canonical else 0
                shndx = 0
                size = 0
            else:
                bind = STB_WEAK if s.bind == STB_WEAK else STB_GLOBAL
                if s.kind == DSO:
                    bind = s.dsym.bind  # type: ignore[union-attr]
                    typ = s.dsym.type if s.dsym.type else typ  # type: ignore[union-attr]
                value, size = s.addr, s.size
                if typ == STT_TLS:
                    value -= tls_start   # TLS symbols: offset in the TLS segment
                shndx = copy_shndx if s.kind == DSO else _shndx(s)
            syms += struct.pack("<IBBHQQ", name, (bind << 4) | (typ & 15), 0, shndx,
                                value, size)
            versym += struct.pack("<H", self.versym.get(id(s), 1))
        outs[".dynsym"].content = bytes(syms)
        outs[".gnu.version"].content = bytes(versym)
        outs[".gnu.hash"].content = self._gnu_hash()
        if ".gnu.version_r" in outs:
            outs[".gnu.version_r"].content = self._verneed()
        data = bytearray()
        for tag, val in self.entries:
            if isinstance(val, tuple):
                o = outs[val[1]]
                v = o.addr if val[0] == "addr" else o.size
            elif isinstance(val, Symbol):
                v = val.addr
            else:
                v = int(val)  # type: ignore[call-overload]
            data += struct.pack("<qQ", tag, v)
        outs[".dynamic"].content = bytes(data)

    def bloom_words(self) -> int:
        """A power of two (ld.so masks the index), about 8 symbols a word."""
        return 1 << (len(self.defined) // 8).bit_length()

    def _gnu_hash(self) -> bytes:
        nb = self.nbuckets
        symoffset = len(self.imports) + 1
        bloom_words = self.bloom_words()
        shift = 6
        bloom = [0] * bloom_words
        buckets = [0] * nb
        chains = []
        for i, s in enumerate(self.defined):
            h = self.hashes[id(s)]
            bloom[(h >> 6) % bloom_words] |= (1 << (h % 64)) | (1 << ((h >> shift) % 64))
            b = h % nb
            if buckets[b] == 0:
                buckets[b] = symoffset + i
            last = i + 1 == len(self.defined) or \
                self.hashes[id(self.defined[i + 1])] % nb != b
            chains.append((h & ~1) | (1 if last else 0))
        out = struct.pack("<IIII", nb, symoffset, bloom_words, shift)
        out += struct.pack(f"<{bloom_words}Q", *bloom)
        out += struct.pack(f"<{nb}I", *buckets)
        out += struct.pack(f"<{len(chains)}I", *chains)
        return out

    def _verneed(self) -> bytes:
        out = bytearray()
        for k, (soname, vers) in enumerate(self.verneed):
            last = k + 1 == len(self.verneed)
            size = 16 + 16 * len(vers)
            out += struct.pack("<HHIII", 1, len(vers), self.dynstr.add(soname), 16,
                               0 if last else size)
            for j, (name, idx) in enumerate(vers):
                out += struct.pack("<IHHII", elf_hash(name.encode()), 0, idx,
                                   self.dynstr.add(name), 0 if j + 1 == len(vers) else 16)
        return bytes(out)


def _shndx(s: Symbol) -> int:
    if s.kind == COMMON or s.kind == LINKER:
        return 0xfff1 if s.sec is None and s.kind == LINKER else getattr(s.sec.out, "index", 0)
    if s.sec is None:
        return 0xfff1
    out = s.sec.out
    return out.index if out is not None else 0xfff1


def rela(entries: List[Tuple[int, int, int, int]], size: int) -> bytes:
    """Packed Elf64_Rela entries, padded with R_X86_64_NONE to size bytes."""
    data = bytearray()
    for off, typ, symidx, addend in entries:
        data += struct.pack("<QQq", off, (symidx << 32) | typ, addend)
    if len(data) > size:
        raise AssertionError("more dynamic relocations than counted")
    data += bytes(size - len(data))
    return bytes(data)


__all__ = ["Dynamic", "make_got", "fill_plt", "rela", "synthetic", "PLT_ENTRY", "StrTab",
           "R_X86_64", "STT_OBJECT"]
