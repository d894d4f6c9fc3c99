"""After the last statement: relax branches, resolve fixups into bytes or
relocations, and write the ELF object.

GNU `as` rules reproduced here (checked against `as --64` 2.40):
  * jmp/jcc to a label of the same section start as rel8 and grow to
    rel32 until nothing changes; a target that is weak, an ifunc, or not
    in this section keeps the long form with a relocation (PLT32 when the
    target is undefined, weak or global, else PC32).
  * A PC-relative fixup against a non-global symbol of its own section is
    resolved; everything else becomes a relocation.  call: PLT32 unless
    the target is a local defined symbol (PC32).
  * A relocation against a local symbol uses the section symbol + offset,
    except for GOT/PLT/TLS kinds, PC-relative or nonzero-addend references
    into SHF_MERGE sections, and symbols of TLS sections.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Tuple, cast

from lcc.asm.expr import AsmError, Value, evaluate
from lcc.asm.model import Fixup, Frag, Section, Symbol
from lcc.elf.consts import (R_X86_64, SHF_MERGE, SHF_TLS, SHN_ABS, SHN_COMMON, SHN_UNDEF,
                            SHT_NOBITS, STB_GLOBAL, STB_GNU_UNIQUE, STB_LOCAL, STB_WEAK,
                            STT_FILE, STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION,
                            STT_TLS)
from lcc.elf.writer import ObjectWriter, OSection, OSymbol

if TYPE_CHECKING:
    from lcc.asm.assembler import Assembler

_PCREL = {"PC8", "PC16", "PC32", "PC64", "PLT32"}
_KEEP_SYMBOL = {"PLT32", "GOTPCREL", "GOTPCRELX", "REX_GOTPCRELX", "GOTTPOFF", "TPOFF32",
                "TPOFF64", "TLSGD", "TLSLD", "DTPOFF32", "DTPOFF64", "GOT32", "GOTOFF64",
                "GOTPC32", "GOTPC32_TLSDESC", "TLSDESC_CALL", "SIZE32", "SIZE64",
                "GOTPCREL64", "GOT64", "PLTOFF64"}
_PC_OF_SIZE = {1: "PC8", 2: "PC16", 4: "PC32", 8: "PC64"}
_ABS_OF_SIZE = {1: "8", 2: "16", 4: "32", 8: "64"}
_MOD_KIND = {("GOTPCREL", 4): "GOTPCREL", ("PLT", 4): "PLT32", ("DTPOFF", 4): "DTPOFF32",
             ("DTPOFF", 8): "DTPOFF64", ("TPOFF", 4): "TPOFF32", ("TPOFF", 8): "TPOFF64",
             ("GOTOFF", 8): "GOTOFF64", ("SIZE", 4): "SIZE32", ("SIZE", 8): "SIZE64",
             ("GOTTPOFF", 4): "GOTTPOFF", ("TLSGD", 4): "TLSGD", ("TLSLD", 4): "TLSLD",
             ("GOT", 4): "GOT32", ("GOTPC", 4): "GOTPC32"}

# GNU as's NOP patterns for code alignment, by length (1..11).
_NOPS = [b"", bytes.fromhex("90"), bytes.fromhex("6690"), bytes.fromhex("0f1f00"),
         bytes.fromhex("0f1f4000"), bytes.fromhex("0f1f440000"),
         bytes.fromhex("660f1f440000"), bytes.fromhex("0f1f8000000000"),
         bytes.fromhex("0f1f840000000000"), bytes.fromhex("660f1f840000000000"),
         bytes.fromhex("662e0f1f840000000000"), bytes.fromhex("66662e0f1f840000000000")]


def nop_fill(n: int) -> bytes:
    """n bytes of padding as GNU as writes it in code: 11-byte NOPs then the
    rest; beyond 8 NOPs' worth a jump over them comes first."""
    out = bytearray()
    if n > 8 * 11:
        if n - 2 <= 127:
            out += bytes((0xEB, n - 2))
        else:
            out += b"\xe9" + (n - 5).to_bytes(4, "little")
        n -= len(out)
    while n > 11:
        out += _NOPS[11]
        n -= 11
    out += _NOPS[n]
    return bytes(out)


def _resolved_in_section(s: Symbol, plt: bool = False) -> bool:
    """GNU's elf_symbol_resolved_in_segment_p (not -shared); plt: the
    branch says sym@PLT (a default-visibility global then keeps it)."""
    if s.type == STT_GNU_IFUNC:
        return False
    if not s.is_external() or s.vis != 0:
        return s.bind != "weak"
    return not plt


def _need_plt32(s: Symbol) -> bool:
    if s.bind == "weak" or not s.defined() and s.common is None:
        return True
    return s.is_external()


def _leb_value(a: "Assembler", f: Frag) -> bytes:
    from lcc.asm.directives import leb
    dot = f.dot
    v = evaluate(f.expr, a.lookup, lambda: Value(0, a.anon(dot)))  # type: ignore[arg-type]
    s, m = v.sym, v.minus
    if s is not None and m is not None and s.section is not None and s.section is m.section:
        return leb(v.addend + s.addr() - m.addr(), f.signed)
    if not v.is_const():
        raise AsmError("expression in .%sleb128 is not a constant" % ("s" if f.signed else "u"),
                       f.line)
    return leb(v.addend, f.signed)


def _org_target(a: "Assembler", f: Frag) -> int:
    dot = f.dot
    v = evaluate(f.expr, a.lookup, lambda: Value(0, a.anon(dot)))  # type: ignore[arg-type]
    if v.is_const():
        return v.addend
    if v.sym is not None and v.minus is None and v.sym.section is dot[0]:  # type: ignore
        return v.addend + v.sym.addr()
    raise AsmError("invalid .org expression", f.line)


def _pad(addr: int, f: Frag) -> int:
    pad = -addr & (f.align - 1)
    return 0 if f.max_skip and pad > f.max_skip else pad


def relax(sec: Section, a: "Assembler") -> None:
    """Give every fragment its address, growing short branches that do not
    reach.  The passes follow GNU as's relax_segment so that the choices
    agree with it even where several fixed points exist: one walk per
    pass, earlier fragments already moved by the growth so far (`stretch`),
    later ones not yet; a forward target is assumed to move by `stretch`
    only if no alignment lies between (same region) or stretch < 0."""
    frags = sec.frags
    for f in frags:
        if f.kind == "branch":
            t = f.target
            assert t is not None
            if t.expr is not None or t.section is not sec or \
                    not _resolved_in_section(t, f.plt):
                f.is_long = True
    # first guess: every branch short (unless it cannot be), .org empty
    addr = 0
    region = 0
    for f in frags:
        f.addr = addr
        f.region = region
        f.marker = False
        k = f.kind
        if k == "fixed" or k == "leb":
            addr += len(f.data)
        elif k == "branch":
            f.size = len(f.long[0] if f.is_long else f.short[0])  # type: ignore[index]
            addr += f.size
        elif k == "org":
            f.size = 0
            region += 1
        elif k == "space":
            addr += f.size
        else:
            f.size = _pad(addr, f)
            addr += f.size
            region += 1
    while True:
        stretch = 0
        stretched = False
        for f in frags:
            f.marker = not f.marker
            f.addr += stretch
            k = f.kind
            growth = 0
            if k == "fixed" or k == "space":
                continue
            if k == "branch":
                if f.is_long:
                    continue
                t = f.target
                tf = t.frag  # type: ignore[union-attr]
                target = t.addr()  # type: ignore[union-attr]
                field = f.addr + f.short[1]  # type: ignore[index]
                if stretch and tf is not None and tf.marker != f.marker:
                    # a forward target not reached yet in this pass
                    if stretch < 0 or tf.region == f.region:
                        target += stretch
                    elif target < field:
                        continue
                aim = target - field
                if aim < -127 or aim > 128:
                    f.is_long = True
                    growth = len(f.long[0]) - f.size  # type: ignore[index]
                    f.size += growth
            elif k == "align":
                new = _pad(f.addr, f)
                growth = new - f.size
                f.size = new
            elif k == "org":
                new = _org_target(a, f) - f.addr
                if new < 0:
                    raise AsmError("attempt to move .org backwards", f.line)
                growth = new - f.size
                f.size = new
            elif k == "leb":
                data = _leb_value(a, f)
                growth = len(data) - len(f.data)
                f.data = bytearray(data)
            if growth:
                stretch += growth
                stretched = True
        if not stretched:
            return


class Emitter:
    def __init__(self, a: "Assembler") -> None:
        self.a = a
        self.relocs: Dict[int, List[tuple]] = {}    # id(section) -> relocations
        self.late: List[Symbol] = []                # local labels kept by relocations

    # -- values -------------------------------------------------------------

    def value_of(self, fx: Fixup, sec: Section) -> Value:
        a = self.a
        if fx.expr is None:
            v = Value(fx.addend, fx.sym)
            s = fx.sym
            if s is not None and s.expr is not None:
                ev = a.eval_equate(s)
                v = Value(fx.addend + ev.addend, ev.sym, ev.minus, ev.reloc)
            return v
        dot = fx.dot
        v = evaluate(fx.expr, a.lookup, lambda: Value(0, a.anon(dot)))
        v.addend += fx.addend
        return v

    def reloc(self, sec: Section, offset: int, kind: str, s: Symbol, addend: int,
              pcrel: bool) -> None:
        tsec = s.section
        if tsec is not None and not s.is_external() and kind not in _KEEP_SYMBOL \
                and not (tsec.flags & SHF_MERGE and (pcrel or addend != 0)) \
                and not tsec.flags & SHF_TLS and s.expr is None:
            addend += s.addr()
            s = tsec.sym  # type: ignore[assignment]
        if not s.in_reloc:
            s.in_reloc = True
            if s.name.startswith(".L") or "\x02" in s.name:
                self.late.append(s)      # GNU converts these when first used
        self.relocs.setdefault(id(sec), []).append((offset, R_X86_64[kind], s, addend))

    def resolve(self, sec: Section, frag: Frag, fx: Fixup) -> None:
        v = self.value_of(fx, sec)
        where = frag.addr + fx.offset
        kind = fx.kind
        size = fx.size
        s, m = v.sym, v.minus
        addend = v.addend
        if m is not None:
            if s is not None and s.section is not None and s.section is m.section:
                addend += s.addr() - m.addr()
                s = m = None
            elif m.section is sec:
                # sym - . : PC-relative
                addend += where - m.addr()
                m = None
                if s is None:
                    raise AsmError("can't resolve expression", fx.line)
                if kind is None or kind in ("32", "32S", "64", "8", "16"):
                    kind = _PC_OF_SIZE[size]
                    if v.reloc and v.reloc.upper() == "PLT":
                        kind = "PLT32"
            else:
                raise AsmError("can't resolve `%s' - `%s'" % (s.name if s else "0", m.name),
                               fx.line)
        if s is not None and s.section is None and s.expr is None and s.name == "" :
            s = None
        if s is None:
            if kind is not None and kind in _PCREL:
                addend -= where
            self.patch(frag, fx, addend)
            return
        if kind is None:
            if v.reloc:
                kind = _MOD_KIND.get((v.reloc.upper(), size))
                if kind is None:
                    raise AsmError("relocation @%s not possible in %d bytes" % (v.reloc, size),
                                   fx.line)
            else:
                kind = _ABS_OF_SIZE[size]
        if fx.branch and not fx.forced:
            kind = "PLT32" if _need_plt32(s) else "PC32"
        if kind in _PCREL and s.section is sec and not s.is_external() \
                and s.type != STT_GNU_IFUNC:
            self.patch(frag, fx, s.addr() + addend - where)
            return
        if kind in ("8", "16", "32", "32S", "64") and s.section is None and s.expr is None \
                and s.common is None and s.name == "":
            self.patch(frag, fx, addend)
            return
        self.reloc(sec, where, kind, s, addend, kind in _PCREL)

    @staticmethod
    def patch(frag: Frag, fx: Fixup, value: int) -> None:
        size = fx.size
        if fx.kind in ("PC8",) and not -128 <= value <= 127:
            raise AsmError("value of %d too large for field of 1 byte" % value, fx.line)
        frag.data[fx.offset:fx.offset + size] = \
            (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")

    # -- sections -------------------------------------------------------------

    def contents(self, sec: Section) -> bytes:
        out = bytearray()
        # GNU makes the relocations of long branches when relaxation starts,
        # after all the others: they come last.
        self.branch_relocs: List[tuple] = []
        for f in sec.frags:
            k = f.kind
            if k == "fixed":
                for fx in f.fixups:
                    self.resolve(sec, f, fx)
                out += f.data
            elif k == "leb":
                out += f.data
            elif k == "branch":
                self.branch(sec, f, out)
            elif f.size:
                if f.fill is None:
                    out += nop_fill(f.size)
                else:
                    out += bytes((f.fill,)) * f.size
        if self.branch_relocs:
            self.relocs.setdefault(id(sec), []).extend(self.branch_relocs)
        return bytes(out)

    def branch(self, sec: Section, f: Frag, out: bytearray) -> None:
        t = f.target
        assert t is not None and f.short is not None and f.long is not None
        if not f.is_long:
            data, off = f.short
            disp = t.addr() - (f.addr + len(data))
            out += data[:off] + bytes((disp & 0xFF,)) + data[off + 1:]
            return
        data, off = f.long
        end = f.addr + len(data)
        if t.section is sec and t.expr is None and _resolved_in_section(t, f.plt):
            disp = t.addr() - end
            out += data[:off] + (disp & 0xFFFFFFFF).to_bytes(4, "little") + data[off + 4:]
            return
        out += data
        if t.expr is not None:
            fx = Fixup(f, 0, 4, "PC32", None, t, off - len(data), None, f.line)
            tmp = Frag("fixed")
            tmp.addr = f.addr
            tmp.data = bytearray(data)
            fx.frag = tmp
            fx.offset = off
            fx.branch = True
            self.resolve(sec, tmp, fx)
            out[-len(data):] = tmp.data
            return
        kind = "PLT32" if f.plt or _need_plt32(t) else "PC32"
        saved = self.relocs.pop(id(sec), None)
        self.reloc(sec, f.addr + off, kind, t, off - len(data), True)
        self.branch_relocs += self.relocs.pop(id(sec))
        if saved is not None:
            self.relocs[id(sec)] = saved


def _sym_size(a: "Assembler", s: Symbol) -> int:
    if s.common is not None and s.size_expr is None:
        return s.common[0]
    if s.size_expr is None:
        return 0
    dot = s.size_dot
    v = evaluate(s.size_expr, a.lookup, lambda: Value(0, a.anon(dot)))
    if v.sym is not None and v.minus is not None and v.sym.section is v.minus.section:
        return v.addend + v.sym.addr() - v.minus.addr()
    if not v.is_const():
        raise AsmError(".size expression for %s does not evaluate to a constant" % s.name)
    return v.addend


def _place_local_commons(a: "Assembler") -> None:
    for s, size, align in a.local_commons:
        sec = s.section
        assert sec is not None
        if align > 1:
            f = sec.new_frag("align")
            f.align = align
            f.fill = 0
            sec.align = max(sec.align, align)
        frag = sec.new_frag("fixed")
        s.frag = frag
        s.offset = 0
        sec.new_frag("space").size = size     # .bss: a size, no bytes
        if s.size_expr is None:
            s.size_expr = ("num", size)


def _settle_equates(a: "Assembler") -> None:
    """`.set x, label+k` makes x a label at that place (GNU resolves such
    symbols before relaxation), so calls, jumps and relocations treat x as
    its own symbol with the target's section and address."""
    for s in a.order:
        if s.expr is None or s.is_section:
            continue
        try:
            v = a.eval_equate(s)
        except AsmError:
            continue
        t = v.sym
        if t is not None and v.minus is None and v.reloc is None and t.section is not None \
                and t.expr is None and t.common is None:
            s.section, s.frag, s.offset = t.section, t.frag, t.offset + v.addend
            s.expr = None
            # `.set x, y+k`: x takes y's type and size too
            if s.type == 0:
                s.type = t.type
            if s.size_expr is None:
                s.size_expr, s.size_dot = t.size_expr, t.size_dot


def _symvers(a: "Assembler") -> None:
    """A defined symbol gets its versioned alias (a new symbol, made at the
    end as GNU does); an undefined one is renamed (references then name
    the version)."""
    for name, alias in a.symvers:
        s = a.symbols[name]
        if s.section is None and s.expr is None:
            if s.common is None:
                del a.symbols[name]
                s.name = alias
                a.symbols[alias] = s
            continue
        v = a.sym(alias)
        v.section, v.frag, v.offset = s.section, s.frag, s.offset
        v.type, v.size_expr, v.size_dot = s.type, s.size_expr, s.size_dot
        if v.bind is None:
            v.bind = s.bind


def finish(a: "Assembler") -> bytes:
    _place_local_commons(a)
    _settle_equates(a)
    _symvers(a)
    for sec in a.sections:
        relax(sec, a)
    # the line table reads the relaxed code addresses (GNU: before CFI)
    for sec in a.line_table().finish():
        relax(sec, a)
    if a.cfi is not None:
        a.cfi.finish()  # type: ignore[attr-defined]
        relax(a.sections[-1], a)
    em = Emitter(a)
    w = ObjectWriter()
    datas: List[Tuple[Section, bytes]] = []
    for sec in a.sections:
        data = em.contents(sec) if sec.type != SHT_NOBITS else b""
        datas.append((sec, data))
    for sec, data in datas:
        osec = OSection(sec.name, sec.type, sec.flags, sec.align, sec.entsize, data,
                        sec.size() if sec.type == SHT_NOBITS else len(data))
        osec.relocs = em.relocs.get(id(sec), [])
        sec.osec = osec
        w.add_section(osec)
    groups: Dict[str, List[OSection]] = {}
    for sec in a.sections:
        if sec.group is not None:
            groups.setdefault(sec.group, []).append(sec.osec)  # type: ignore[arg-type]
    gsec: Dict[str, OSection] = {}
    for name, members in groups.items():
        gsec[name] = w.add_group(None, members)
        a.sym(name)      # GNU makes a missing signature symbol at the end
    osabi = 0
    seen: set = set()
    if a.file_name is not None:
        w.add_symbol(OSymbol(a.file_name, 0, 0, STT_FILE, STB_LOCAL, 0, SHN_ABS))
    for s in a.order:
        if s.is_section:
            if s.in_reloc:
                so = OSymbol(s.name, 0, 0, STT_SECTION, STB_LOCAL, 0, s.section.osec)  # type: ignore
                s.osym = so
                w.add_symbol(so)
            continue
        name = s.name
        if (name.startswith(".L") or "\x02" in name) and s.bind not in ("global", "weak"):
            # kept by a relocation: at its conversion point (its second entry)
            if not s.converted or not s.in_reloc:
                continue
            if id(s) not in seen:
                seen.add(id(s))
                continue
        o: Optional[OSymbol] = _osym(a, s)
        if o is None:
            continue
        if name in gsec and o.shndx == SHN_UNDEF and o.bind == STB_GLOBAL and s.bind is None:
            # an undefined group signature: a local symbol of the group section
            o.bind, o.shndx = STB_LOCAL, gsec[name]
        if o.type == STT_GNU_IFUNC or o.bind == STB_GNU_UNIQUE:
            osabi = 3
        s.osym = o
        w.add_symbol(o)
    for s in em.late:
        if s.bind not in ("global", "weak") and not s.converted:
            lo = _osym(a, s)
            if lo is not None:
                s.osym = lo
                w.add_symbol(lo)
    w.groups = [(g, a.symbols[name].osym, m) for (g, _, m), name in zip(w.groups, gsec)]
    for sec in a.sections:
        osec = cast(OSection, sec.osec)
        osec.relocs = [(off, typ, s.osym, add) for off, typ, s, add in osec.relocs]  # type: ignore
    w.osabi = osabi
    try:
        return w.to_bytes()
    except ValueError as e:
        raise AsmError(str(e)) from None


def _osym(a: "Assembler", s: Symbol) -> Optional[OSymbol]:
    bind = {"global": STB_GLOBAL, "weak": STB_WEAK, "unique": STB_GNU_UNIQUE}.get(
        s.bind or "", STB_LOCAL)
    typ = s.type
    value = 0
    shndx: object = SHN_UNDEF
    sec: Optional[Section] = s.section
    if s.common is not None and sec is None:
        shndx = SHN_COMMON
        value = s.common[1]
        typ = STT_OBJECT
    elif s.expr is not None:
        v = a.eval_equate(s)
        if v.is_const():
            shndx = SHN_ABS
            value = v.addend
        elif v.sym is not None and v.minus is None and v.sym.section is not None:
            sec = v.sym.section
            value = v.sym.addr() + v.addend
        elif v.sym is not None and v.minus is None and v.sym.section is None:
            return None          # an alias of an undefined symbol: GNU emits the target
        else:
            raise AsmError("invalid value for symbol `%s'" % s.name, s.line)
    elif sec is not None:
        value = s.addr()
    else:
        if bind == STB_LOCAL:
            bind = STB_GLOBAL       # undefined symbols are global
    if sec is not None:
        shndx = sec.osec
        if sec.flags & SHF_TLS and typ in (STT_NOTYPE, STT_OBJECT):
            typ = STT_TLS
    elif s.tls and typ == STT_NOTYPE:
        typ = STT_TLS
    size = _sym_size(a, s)
    return OSymbol(s.name, value, size, typ, bind, s.vis, shndx)
