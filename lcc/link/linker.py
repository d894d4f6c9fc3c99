"""lcc's linker: `link(items, output, opts)` writes an x86-64 executable
(PIE, non-PIE or static) against glibc, or raises LinkError.

items are gcc-style link inputs in command-line order: object files,
archives, shared libraries, `-lNAME`, `-LDIR`, `-Wl,...` and the mode
flags (`-static`, `-pie`, `-no-pie`, `-rdynamic`, `-nostdlib` ...).
opts is a LinkOptions (lcc.link.plan), a mode string, or None (PIE,
Debian's gcc default; mode flags in items win).

The steps: read and resolve (plan.Loader, symbols.SymbolTable), collect
output sections (layout.collect), scan relocations (reloc.scan: GOT, PLT,
copy and dynamic relocations), size the synthetic sections (dynamic.py,
static.py), lay out (layout.assign), give symbols addresses, patch
(reloc.apply), fill the tables and write the file (writer.py).
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Sequence, Union

from lcc.elf.consts import (
    SHF_ALLOC, SHF_TLS, SHF_WRITE, SHT_NOBITS, STB_WEAK, STT_TLS,
)
from lcc.link import dynamic as dyn
from lcc.link import ehframe, gc, layout, reloc, writer
from lcc.link.layout import Blob, OutputSection
from lcc.link.objfile import LinkError
from lcc.link.plan import LinkOptions, Loader, warn
from lcc.link.symbols import COMMON, DSO, LINKER, REGULAR, UNDEF, Symbol, SymbolTable

__all__ = ["link", "supports", "LinkError", "LinkOptions"]

# Symbols the linker defines when something references them (GNU ld's
# default script PROVIDEs most of them).
_LINKER_SYMS = {
    "_GLOBAL_OFFSET_TABLE_", "__ehdr_start", "__executable_start", "_DYNAMIC",
    "__init_array_start", "__init_array_end", "__fini_array_start", "__fini_array_end",
    "__preinit_array_start", "__preinit_array_end", "_end", "end", "_edata", "edata",
    "__bss_start", "_etext", "etext", "__etext", "__rela_iplt_start", "__rela_iplt_end",
    "__GNU_EH_FRAME_HDR", "__dso_handle", "__data_start", "data_start", "__TMC_END__",
}


def supports(items: Sequence[str]) -> bool:
    """Whether link() can make what the items ask for (the driver falls
    back to the system linker otherwise)."""
    return not any(it in ("-r",) for it in items)


def link(items: Sequence[str], output: str,
         opts: Union[LinkOptions, str, None] = None) -> None:
    if opts is None or isinstance(opts, str):
        opts = LinkOptions.parse(items, opts)
    for w in opts.warnings:
        warn(w)
    Linker(opts).run(list(items), output)


class Linker:
    def __init__(self, opts: LinkOptions) -> None:
        self.opts = opts
        self.static = opts.mode == "static"
        self.shared = opts.mode == "shared"
        # static-pie: a PIE without interpreter or libraries, relocated by
        # glibc's own startup code (_dl_relocate_static_pie) from .dynamic
        self.static_pie = opts.mode == "static-pie"
        # pie: position independent output (a PIE or a shared object);
        # exe_pie: a PIE (DF_1_PIE)
        self.exe_pie = opts.mode in ("pie", "static-pie")
        self.pie = self.exe_pie or self.shared
        self.dynamic = not self.static
        self.table = SymbolTable()
        self.outs: Dict[str, OutputSection] = {}

    # -- the steps -----------------------------------------------------
    def run(self, items: List[str], output: str) -> None:
        opts = self.opts
        Loader(opts, self.table).run(items)
        table = self.table
        entry = table.syms.get(opts.entry)
        self._linker_symbols()
        outs = self.outs
        if opts.gc_sections:
            gc.collect_garbage(table, [opts.entry, "_init", "_fini"] + opts.undefined,
                               opts.export_dynamic or self.shared)
        layout.collect(table.objects, outs, debug=not (opts.strip or opts.strip_debug))
        self._commons()
        if self.shared:
            for s in table.syms.values():
                if s.kind in (REGULAR, COMMON) and s.vis == 0:
                    s.preempt = True
        needs = reloc.scan(table.objects, self.pie, self.dynamic, self.shared)
        if needs.undefined:
            raise LinkError("\n".join(f"{place}: undefined reference to `{name}'"
                                      for name, place in needs.undefined.items()))
        self._hidden_check()
        if needs.textrel:
            warn("creating DT_TEXTREL in a " + ("shared object" if self.shared else "PIE"))
        # copy relocations: room in .bss
        copy_blobs: Dict[tuple, Blob] = {}
        for s in needs.copies:
            key = (id(s.dso), s.dsym.value)  # type: ignore[union-attr]
            if key not in copy_blobs:
                v = s.dsym.value  # type: ignore[union-attr]
                align = min(v & -v, 32) if v else 32
                b = copy_blobs[key] = Blob(".dynbss", s.size, align)
                layout.new_output(outs, ".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE).add(b)
        gotplt_wanted = "_GLOBAL_OFFSET_TABLE_" in table.syms and \
            table.syms["_GLOBAL_OFFSET_TABLE_"].kind == LINKER
        dyn.make_got(outs, needs, self.dynamic, gotplt_wanted or self.dynamic)
        got_dyn = self._count_got_relocs(needs)
        d: Optional[dyn.Dynamic] = None
        if self.dynamic:
            d = dyn.Dynamic(table, needs, opts, self.exe_pie, self.shared)
            d.make_sections(outs, self._interp(), got_dyn,
                            len(needs.plt))
        elif needs.plt:
            dyn.synthetic(outs, ".rela.plt", 4, SHF_ALLOC, 24 * len(needs.plt), 8, 24)
        for o in outs.values():
            if not o.synthetic:
                o.place_members()
        eh = outs.get(".eh_frame")
        if eh is not None and eh.size:
            nfde = sum(ehframe.count_fdes(m.obj.data, m.foff, m.size) for m in eh.members
                       if not isinstance(m, Blob))
            dyn.synthetic(outs, ".eh_frame_hdr", 1, SHF_ALLOC, 12 + 8 * nfde, 4)
        # lay out
        order = sorted((o for o in outs.values() if o.size or o.synthetic or
                        o.name in (".init_array", ".fini_array", ".preinit_array")),
                       key=lambda o: (o.seg, o.rank))
        phdr_types = writer.phdr_plan(order, self.dynamic, self._interp() is None)
        base = 0 if self.pie else 0x400000
        header = 64 + 56 * len(phdr_types)
        loads, file_end, relro, etext = layout.assign(order, base, header, self.dynamic)
        for i, o in enumerate(order):
            o.index = i + 1
        # symbol addresses
        tls = [o for o in order if o.flags & SHF_TLS]
        tls_start = min((o.addr for o in tls), default=0)
        tls_align = max((o.align for o in tls), default=1)
        tls_memsz = max((o.addr + o.size for o in tls), default=0) - tls_start
        tls_end = tls_start + ((tls_memsz + tls_align - 1) & -tls_align)
        self._addresses(needs, copy_blobs, order, base, etext)
        ctx = reloc.Context()
        ctx.pie = self.pie
        ctx.shared = self.shared
        ctx.tls_start = tls_start
        ctx.got_addr = outs[".got"].addr if ".got" in outs else 0
        gp = outs.get(".got.plt")
        ctx.gotplt_addr = gp.addr if gp is not None else ctx.got_addr
        if ".plt" in outs:
            ctx.plt_addr = outs[".plt"].addr
        ctx.tls_end = tls_end
        # the image
        buf = bytearray(file_end)
        for o in order:
            if o.type == SHT_NOBITS or o.synthetic:
                continue
            fo = o.foff
            for m in o.members:
                if m.type == SHT_NOBITS:
                    continue
                if isinstance(m, Blob):
                    buf[fo + m.offset:fo + m.offset + len(m.content)] = m.content
                else:
                    src = m.obj.data
                    buf[fo + m.offset:fo + m.offset + m.size] = src[m.foff:m.foff + m.size]
        reloc.apply(table.objects, needs, ctx, buf)
        hdr = outs.get(".eh_frame_hdr")
        if hdr is not None and eh is not None:
            text = [o for o in order if o.seg == 1]
            pieces = [(eh.foff + m.offset, eh.addr + m.offset, m.size) for m in eh.members]
            hdr.content = ehframe.build(buf, pieces, hdr.addr, eh.addr, hdr.size,
                                        min(o.addr for o in text) if text else 0, etext)
        self._fill_got(needs, ctx, tls_start, tls_end)
        dyn.fill_plt(outs, needs, self.dynamic)
        if d is not None:
            copy_idx = outs[".bss"].index if ".bss" in outs else 0
            d.fill(outs, self._interp(), copy_idx, tls_start)
            self._fill_rela(d, needs, ctx, copy_blobs)
        elif ".rela.plt" in outs:
            outs[".rela.plt"].content = dyn.rela(self._plt_relocs(needs, 0), outs[".rela.plt"].size)
        for o in order:
            if o.synthetic and o.content is not None:
                buf[o.foff:o.foff + len(o.content)] = o.content
        entry_addr = entry.addr if entry is not None and entry.kind != UNDEF else 0
        if (entry is None or entry.kind == UNDEF) and not self.shared:
            warn(f"cannot find entry symbol {opts.entry}; defaulting to {base:#x}")
        data = writer.finish(buf, order, loads, phdr_types, relro, tls, entry_addr,
                             self.pie, table, self.opts.strip, outs, tls_start,
                             self._exec_stack())
        _write(output, data)

    # -- pieces ----------------------------------------------------------
    def _interp(self) -> Optional[str]:
        if self.shared or self.static_pie:
            return None
        return self.opts.dynamic_linker

    def _exec_stack(self) -> bool:
        """An object asking for an executable stack (gcc's trampolines for
        nested functions mark .note.GNU-stack with "x")."""
        return any(sec is not None and sec.name == ".note.GNU-stack" and sec.flags & 4
                   for obj in self.table.objects for sec in obj.sections)

    def _linker_symbols(self) -> None:
        for name, s in self.table.syms.items():
            if s.kind != UNDEF:
                continue
            if name in _LINKER_SYMS or name.startswith(("__start_", "__stop_")):
                if name == "_DYNAMIC" and self.static:
                    continue
                s.kind = LINKER
                s.bind = STB_WEAK if s.bind == STB_WEAK else 1
                s.vis = 2  # hidden: never exported

    def _commons(self) -> None:
        for s in self.table.syms.values():
            if s.kind == COMMON:
                b = Blob("COMMON", s.size, s.common_align)
                s.sec = b
                name = ".tbss" if s.type == STT_TLS else ".bss"
                flags = SHF_ALLOC | SHF_WRITE | (SHF_TLS if s.type == STT_TLS else 0)
                layout.new_output(self.outs, name, SHT_NOBITS, flags).add(b)

    def _hidden_check(self) -> None:
        for s in self.table.syms.values():
            if s.kind == DSO and s.vis in (1, 2) and s.ref:
                raise LinkError(f"hidden symbol `{s.name}' isn't defined")

    def _dynamic_sym(self, t: Symbol) -> bool:
        """Bound at run time by name: imported, or exported by a shared object."""
        return (t.kind == DSO and not t.copy) or (self.shared and (
            t.kind == UNDEF or t.preempt))

    def _count_got_relocs(self, needs: reloc.Needs) -> int:
        n = 0
        for kind, t in needs.got:
            if kind == "pad":
                continue
            if kind == "ld":
                n += 1      # DTPMOD64 of this module
            elif kind == "gd":
                n += 2 if isinstance(t, Symbol) and self._dynamic_sym(t) else 1
            elif isinstance(t, Symbol) and self._dynamic_sym(t):
                n += 1
            elif kind in ("desc",) or kind == "tpoff" and self.shared:
                n += 1
            elif isinstance(t, Symbol):
                if kind == "addr" and self.pie and t.kind != UNDEF and not (
                        t.kind == REGULAR and t.sec is None):
                    n += 1
            elif kind == "addr" and self.pie:
                n += 1
        return n

    def _addresses(self, needs: reloc.Needs, copy_blobs: Dict[tuple, Blob],
                   order: List[OutputSection], base: int, etext: int) -> None:
        outs = self.outs
        plt = outs.get(".plt")
        rw = [o for o in order if o.seg == 3]
        data_end = max((o.addr + o.size for o in rw if o.type != SHT_NOBITS), default=base)
        mem_end = max((o.addr + o.size for o in rw if not o.flags & SHF_TLS), default=data_end)
        bss = outs.get(".bss")
        for s in self.table.syms.values():
            k = s.kind
            if k == REGULAR or k == COMMON:
                sec = s.sec
                if sec is None:
                    s.addr = s.value
                elif k == COMMON:
                    s.addr = sec.addr
                else:
                    s.addr = sec.addr + s.value if sec.out is not None else 0
            elif k == DSO:
                if s.copy:
                    s.addr = copy_blobs[(id(s.dso), s.dsym.value)].addr  # type: ignore
                elif s.plt >= 0 and plt is not None:
                    s.addr = plt.addr + dyn.PLT_ENTRY * s.plt
            elif k == UNDEF and s.plt >= 0 and plt is not None:
                s.addr = plt.addr + dyn.PLT_ENTRY * s.plt
            elif k == LINKER:
                s.addr = self._linker_value(s.name, order, base, etext, data_end, mem_end, bss)
        # an IFUNC's address is its PLT entry; the resolver's stays in value
        for s in needs.plt:
            if s.kind == REGULAR and plt is not None:
                s.addr = plt.addr + dyn.PLT_ENTRY * s.plt

    def _linker_value(self, name: str, order: List[OutputSection], base: int, etext: int,
                      data_end: int, mem_end: int, bss: Optional[OutputSection]) -> int:
        outs = self.outs

        def start(sec: str, default: int) -> int:
            o = outs.get(sec)
            return o.addr if o is not None else default

        def stop(sec: str, default: int) -> int:
            o = outs.get(sec)
            return o.addr + o.size if o is not None else default
        rw_start = min((o.addr for o in order if o.seg == 3), default=data_end)
        if name in ("__ehdr_start", "__executable_start"):
            return base
        if name == "_GLOBAL_OFFSET_TABLE_":
            return start(".got.plt", start(".got", 0))
        if name == "__GNU_EH_FRAME_HDR":
            return start(".eh_frame_hdr", 0)
        if name == "_DYNAMIC":
            return start(".dynamic", 0)
        for arr in ("init_array", "fini_array", "preinit_array"):
            if name == f"__{arr}_start":
                return start("." + arr, rw_start)
            if name == f"__{arr}_end":
                return stop("." + arr, rw_start)
        if name in ("_end", "end"):
            return mem_end
        if name in ("_edata", "edata"):
            return data_end
        if name == "__bss_start":
            return bss.addr if bss is not None else data_end
        if name in ("_etext", "etext", "__etext"):
            return etext
        if name == "__rela_iplt_start":
            return start(".rela.plt", base) if self.static else 0
        if name == "__rela_iplt_end":
            return stop(".rela.plt", base) if self.static else 0
        if name in ("__data_start", "data_start"):
            return start(".data", rw_start)
        if name.startswith("__start_"):
            return start(name[8:], 0)
        if name.startswith("__stop_"):
            return stop(name[7:], 0)
        return 0

    def _fill_got(self, needs: reloc.Needs, ctx: reloc.Context, tls_start: int,
                  tls_end: int) -> None:
        got = self.outs.get(".got")
        self.got_rela: List[tuple] = []
        if got is None:
            return
        data = bytearray(8 * len(needs.got))
        vals_cache: Dict[int, List[int]] = {}
        R = reloc.R
        for i, (kind, t) in enumerate(needs.got):
            place = got.addr + 8 * i
            if kind == "pad":
                continue
            if kind == "ld":
                self.got_rela.append((place, R["DTPMOD64"], None, 0))
                continue
            if isinstance(t, Symbol):
                if self._dynamic_sym(t):
                    if kind == "gd":
                        self.got_rela.append((place, R["DTPMOD64"], t, 0))
                        self.got_rela.append((place + 8, R["DTPOFF64"], t, 0))
                    else:
                        typ = {"addr": reloc.R_GLOB_DAT, "tpoff": reloc.R_TPOFF64,
                               "desc": R["TLSDESC"]}[kind]
                        self.got_rela.append((place, typ, t, 0))
                    continue
                if t.kind == UNDEF:
                    continue
                v = t.addr
                absolute = t.kind == REGULAR and t.sec is None
            else:
                obj, si = t
                vals = vals_cache.get(id(obj))
                if vals is None:
                    vals = vals_cache[id(obj)] = reloc.local_values(obj)
                v = vals[si]
                absolute = obj.symbols[si][4] == 0xfff1
            if kind == "gd":
                self.got_rela.append((place, R["DTPMOD64"], None, 0))
                place += 8
                i += 1
                v -= tls_start
            elif kind == "desc":
                self.got_rela.append((place, R["TLSDESC"], None, v - tls_start))
                continue
            elif kind == "tpoff" and self.shared:
                self.got_rela.append((place, reloc.R_TPOFF64, None, v - tls_start))
                continue
            elif kind == "tpoff":
                v -= tls_end
            elif self.pie and not absolute:
                self.got_rela.append((place, reloc.R_RELATIVE, None, v))
            data[8 * i:8 * i + 8] = (v & 0xffffffffffffffff).to_bytes(8, "little")
        got.content = bytes(data)
        gp = self.outs.get(".got.plt")
        if gp is not None:
            reserved = 3 if self.dynamic else 0
            gdata = bytearray(gp.size)
            if self.dynamic and ".dynamic" in self.outs:
                gdata[0:8] = self.outs[".dynamic"].addr.to_bytes(8, "little")
            for i, s in enumerate(needs.plt):
                if s.kind == REGULAR:   # IFUNC: the resolver until IRELATIVE runs
                    r = self._resolver(s)
                    off = 8 * (reserved + i)
                    gdata[off:off + 8] = r.to_bytes(8, "little")
            gp.content = bytes(gdata)

    def _resolver(self, s: Symbol) -> int:
        return s.sec.addr + s.value if s.sec is not None else s.value  # type: ignore

    def _plt_relocs(self, needs: reloc.Needs, reserved: int) -> List[tuple]:
        gp = self.outs[".got.plt"]
        out = []
        for i, s in enumerate(needs.plt):
            place = gp.addr + 8 * (reserved + i)
            if s.kind == REGULAR:
                out.append((place, reloc.R_IRELATIVE, 0, self._resolver(s)))
            else:
                out.append((place, reloc.R["JUMP_SLOT"], s.dynidx, 0))
        return out

    def _fill_rela(self, d: dyn.Dynamic, needs: reloc.Needs, ctx: reloc.Context,
                   copy_blobs: Dict[tuple, Blob]) -> None:
        outs = self.outs
        entries = []
        rel = [e for e in ctx.dynrel + self.got_rela if e[1] == reloc.R_RELATIVE]
        other = [e for e in ctx.dynrel + self.got_rela if e[1] != reloc.R_RELATIVE]
        for place, typ, s, addend in rel + other:
            entries.append((place, typ, s.dynidx if s is not None else 0, addend))
        for s in needs.copies:
            entries.append((s.addr, reloc.R["COPY"], s.dynidx, 0))
        if ".rela.dyn" in outs:
            outs[".rela.dyn"].content = dyn.rela(entries, outs[".rela.dyn"].size)
        elif entries:
            raise AssertionError("dynamic relocations without .rela.dyn")
        if ".rela.plt" in outs:
            outs[".rela.plt"].content = dyn.rela(self._plt_relocs(needs, 3),
                                                 outs[".rela.plt"].size)


def _write(output: str, data: bytes) -> None:
    from lcc import toolchain
    tmp = toolchain.tmp_name(output)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o755)
        toolchain.commit_file(tmp, output)
    except OSError as e:
        toolchain.discard(tmp)
        raise LinkError(f"cannot write {output}: {e.strerror}")
