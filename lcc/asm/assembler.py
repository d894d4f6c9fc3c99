"""The assembler: statements -> sections, symbols and fixups -> ELF object.

    assemble(text, path) -> bytes      a relocatable object, as `as --64`

It follows GNU `as` closely where the output shows it: symbols are
created at their first mention (that fixes their symbol-table order),
`.text`, `.data`, `.bss` exist from the start, local references inside a
section are resolved without relocations, jumps start short and grow
(layout.py), and relocations against local symbols become section symbol
+ offset except where GNU keeps the symbol (layout.py).  Directives live
in directives.py, the .eh_frame builder in cfi.py.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional

from lcc.asm.dwarf_line import LineTable
from lcc.asm.expr import AsmError, Expr, Value, evaluate, parse_expr, symbols_of
from lcc.asm.model import Fixup, Section, Symbol
from lcc.asm.parser import BRANCHES, Directive, Insn, Label, parse_shared, source_position
from lcc.asm.x86_64.encode import Encoded, EncodeError, encode
from lcc.asm.x86_64.encode import Fixup as EncFixup
from lcc.elf.consts import SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS
from lcc.mir import Imm, LabelOp, Mem, RegOp, SymOp


class AssemblyError(Exception):
    """`path:line: Error: message`, as GNU as prints it."""

    def __init__(self, path: str, line: int, msg: str) -> None:
        super().__init__("%s:%d: Error: %s" % (path, line, msg))
        self.path = path
        self.line = line
        self.msg = msg


# Relocation suffixes that make GNU as create _GLOBAL_OFFSET_TABLE_.
_GOT_MODS = {"GOTPCREL", "GOTTPOFF", "TPOFF", "TLSGD", "TLSLD", "DTPOFF", "GOT", "GOTOFF",
             "GOTPC", "TLSDESC", "GOTNTPOFF", "NTPOFF", "INDNTPOFF", "GOTPLT", "PLTOFF"}
_TLS_MODS = {"GOTTPOFF", "TPOFF", "TLSGD", "TLSLD", "DTPOFF", "TLSDESC", "NTPOFF"}
# Jumps that start short and may grow (loop/jrcxz only have rel8).
RELAXABLE = {b for b in BRANCHES if b not in ("jrcxz", "jecxz", "loop", "loope", "loopne",
                                               "loopz", "loopnz", "xbegin")}
_PLACEHOLDER = "\x01expr"


class Assembler:
    def __init__(self, path: str) -> None:
        self.path = path
        self.sections: List[Section] = []
        self.by_name: Dict[tuple, Section] = {}
        self.symbols: Dict[str, Symbol] = {}
        self.order: List[Symbol] = []        # creation order, section symbols too
        self.stack: List[tuple] = []
        self.prev: Optional[Section] = None
        self.numlabels: Dict[str, int] = {}
        self.file_name: Optional[str] = None
        self.line = 0
        self.cfi: object = None
        self.comment: Optional[Section] = None
        self.local_commons: List[tuple] = []      # (symbol, size, align)
        self.enc_cache: Dict[tuple, bytes] = {}
        self.active = True                      # not inside a false .if branch
        self.symvers: List[tuple] = []          # (name, versioned alias)
        self.conds: List[tuple] = []
        self.branch_cache: Dict[str, tuple] = {}
        self.tpl_cache: Dict[tuple, tuple] = {}
        self.dwarf: Optional[LineTable] = None     # `.file N`/`.loc` (dwarf_line.py)
        self.line_pending = False               # a `.loc` row waits for an instruction
        from lcc.asm import directives
        self.directives: Dict[str, Callable[[Assembler, Directive], None]] = \
            directives.TABLE
        self.cur = self.section(".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR)
        self.section(".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE)
        self.section(".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE)

    # -- sections and symbols -------------------------------------------------

    def section(self, name: str, type_: int, flags: int, entsize: int = 0,
                group: Optional[str] = None) -> Section:
        key = (name, group)
        sec = self.by_name.get(key)
        if sec is None:
            sec = Section(name, type_, flags, entsize)
            sec.group = group
            self.by_name[key] = sec
            self.sections.append(sec)
            s = Symbol(name, len(self.order))
            s.is_section = True
            s.section = sec
            s.frag = sec.frags[0]
            sec.sym = s
            self.order.append(s)
        return sec

    def line_table(self) -> LineTable:
        if self.dwarf is None:
            self.dwarf = LineTable(self)
        return self.dwarf

    def sym(self, name: str) -> Symbol:
        s = self.symbols.get(name)
        if s is None:
            s = Symbol(name, len(self.order))
            self.symbols[name] = s
            self.order.append(s)
        return s

    def mention(self, name: str, mod: Optional[str] = None) -> Symbol:
        """A symbol reference in an expression or operand (with its @mod)."""
        if mod is not None:
            m = mod.upper()
            if m in _GOT_MODS and "_GLOBAL_OFFSET_TABLE_" not in self.symbols:
                self.sym("_GLOBAL_OFFSET_TABLE_")
            s = self.sym(name)
            if m in _TLS_MODS:
                s.tls = True
            return s
        return self.sym(name)

    def convert(self, s: Symbol) -> None:
        """GNU turns a local label into a full symbol at some references;
        that fixes its place in the symbol table if a relocation keeps it."""
        if not s.converted and _is_local_label(s.name):
            s.converted = True
            self.order.append(s)

    def local_name(self, name: str) -> str:
        """1f / 1b -> the numeric local label's unique name."""
        n, d = name[:-1], name[-1]
        count = self.numlabels.get(n, 0)
        return ".L%s\x02%d" % (n, count + 1 if d == "f" else count)

    def dot(self) -> tuple:
        sec = self.cur
        return (sec, sec.cur, len(sec.cur.data))

    def define(self, name: str) -> None:
        if name.isdigit():
            count = self.numlabels.get(name, 0) + 1
            self.numlabels[name] = count
            name = ".L%s\x02%d" % (name, count)
        s = self.sym(name)
        if s.section is not None or s.expr is not None:
            raise AsmError("symbol `%s' is already defined" % name)
        sec = self.cur
        s.section = sec
        s.frag = sec.cur
        s.offset = len(sec.cur.data)
        s.line = self.line
        if self.dwarf is not None and self.dwarf.mark_labels:
            self.dwarf.label()

    # -- expressions ------------------------------------------------------------

    def mention_expr(self, e: Expr) -> Expr:
        """Create the expression's symbols (first mention) and rename numeric
        local labels; returns the expression to store."""
        syms = symbols_of(e)
        if not syms:
            return e
        renamed = False
        for name, mod in syms:
            if name[-1] in "fb" and name[:-1].isdigit():
                renamed = True
                continue
            self.mention(name, mod)
        if renamed:
            e = self._rename(e)
            for name, mod in symbols_of(e):
                self.mention(name, mod)
        return e

    def _rename(self, e: Expr) -> Expr:
        k = e[0]
        if k == "sym":
            name = e[1]
            if name[-1] in "fb" and name[:-1].isdigit():
                return ("sym", self.local_name(name), e[2])
            return e
        if k in ("num", "dot"):
            return e
        return (k,) + tuple(self._rename(x) for x in e[1:])

    def lookup(self, name: str, depth: int = 0) -> Value:
        s = self.symbols.get(name)
        if s is None:
            s = self.sym(name)
        if s.expr is not None:
            if depth > 50:
                raise AsmError("symbol `%s' is defined in terms of itself" % name)
            return self.eval_equate(s, depth + 1)
        return Value(0, s)

    def eval_equate(self, s: Symbol, depth: int = 0) -> Value:
        assert s.expr is not None
        dot = s.dot

        def dotf() -> Value:
            return Value(0, self.anon(dot))
        return evaluate(s.expr, lambda n: self.lookup(n, depth), dotf)

    def anon(self, dot: Optional[tuple]) -> Symbol:
        """An unnamed symbol at a captured location (for `.`)."""
        if dot is None:
            raise AsmError("`.' not allowed here")
        s = Symbol("", -1)
        s.section, s.frag, s.offset = dot
        return s

    def eval_now(self, e: Expr) -> Value:
        """Evaluate with what is known now (current location as `.`)."""
        here = self.dot()
        return evaluate(e, self.lookup, lambda: Value(0, self.anon(here)))

    def const_now(self, e: Expr) -> Optional[int]:
        """e's value if it is a number now: constants, equates, and
        differences of labels in one fragment."""
        v = self.eval_now(e)
        if v.is_const():
            return v.addend
        if v.sym is not None and v.minus is not None and v.reloc is None:
            a, b = v.sym, v.minus
            if a.section is not None and a.frag is b.frag and b.section is not None:
                return v.addend + a.offset - b.offset
        return None

    def absolute(self, text: str) -> int:
        e = self.mention_expr(parse_expr(text))
        v = self.const_now(e)
        if v is None:
            raise AsmError("expression `%s' is not a constant" % text)
        return v

    # -- emitting -----------------------------------------------------------------

    def emit(self, data: bytes) -> None:
        sec = self.cur
        if sec.type == SHT_NOBITS and any(data):
            raise AsmError("attempt to store non-zero value in section `%s'" % sec.name)
        sec.cur.data += data

    def reserve(self, n: int) -> None:
        """n zero bytes in a NOBITS section: a "space" fragment, sized only."""
        sec = self.cur
        f = sec.new_frag("space")
        f.size = n
        sec.new_frag("fixed")

    def emit_value(self, e: Expr, size: int, signed_ok: bool = True) -> None:
        """A data item of `size` bytes whose value is expression e."""
        e = self.mention_expr(e)
        sec = self.cur
        frag = sec.cur
        off = len(frag.data)
        if e[0] == "num":
            v = e[1]
            self.emit((v & ((1 << (8 * size)) - 1)).to_bytes(size, "little"))
            return
        if sec.type == SHT_NOBITS:
            raise AsmError("attempt to store non-zero value in section `%s'" % sec.name)
        frag.data += bytes(size)
        frag.fixups.append(Fixup(frag, off, size, None, e, None, 0, (sec, frag, off), self.line))

    # -- instructions ---------------------------------------------------------------

    def insn(self, st: Insn) -> None:
        if self.line_pending:
            # the pending `.loc` row is at this instruction
            self.dwarf.row(self.dot())  # type: ignore[union-attr]
        key = st.key
        if key is not None:
            # no symbols: the bytes depend on the text alone
            data = self.enc_cache.get(key)
            if data is None:
                try:
                    enc = encode(st.op, st.operands, False, st.prefixes)
                except EncodeError as ex:
                    raise AsmError(_encode_message(ex, st)) from None
                if enc.fixups:
                    self.enc_cache[key] = b""
                    return self.insn_general(st)
                data = self.enc_cache[key] = enc.data
            elif not data:
                return self.insn_general(st)
            sec = self.cur
            if sec.type == SHT_NOBITS:
                raise AsmError("attempt to store non-zero value in section `%s'" % sec.name)
            sec.cur.data += data
            return None
        return self.insn_general(st)

    def insn_general(self, st: Insn) -> None:
        op = st.op
        ops = st.operands
        exprs = st.exprs
        pending: List[tuple] = []
        for name in st.leads:
            # GNU turns a local label that a memory or branch operand starts
            # with into a full symbol if it exists already (defined or
            # mentioned before): its place in the symbol table if kept.
            if name[-1] in "fb" and name[:-1].isdigit():
                name = self.local_name(name)
            t = self.symbols.get(name)
            if t is not None:
                self.convert(t)
        if ops:
            ops = list(ops)
            for i, o in enumerate(ops):
                e = exprs[i] if exprs is not None else None
                if e is not None:
                    ops[i] = self._expr_operand(o, e, i, pending)
                elif isinstance(o, (Imm, Mem)):
                    if o.sym is not None:
                        ops[i] = self._sym_operand(o)
                elif isinstance(o, (LabelOp, SymOp)):
                    name, _, mod = o.name.partition("@")
                    self.mention(name, mod or None)
        sec = self.cur
        if sec.type == SHT_NOBITS:
            raise AsmError("attempt to store non-zero value in section `%s'" % sec.name)
        if op in RELAXABLE and len(ops) == 1 and isinstance(ops[0], LabelOp) \
                and not st.prefixes and ("@" not in ops[0].name or
                                         ops[0].name.endswith(("@PLT", "@plt"))):
            self._branch(op, ops[0])
            return
        if pending:
            enc = self._encode(st, op, ops)
        else:
            enc = self._encode_template(st, op, ops)
        frag = sec.cur
        base = len(frag.data)
        frag.data += enc.data
        if enc.fixups and len(enc.data) > 2 and enc.data[0] & 0xF8 == 0x48 \
                and enc.data[1] in (0x8B, 0x89, 0xC7) and enc.data[2] & 0xC7 == 0x05:
            # a 64-bit mov with a rip-relative operand: GNU makes its local
            # label a full symbol at once (symbol-table order, see above)
            t = self.symbols.get(enc.fixups[0].sym)
            if t is not None:
                self.convert(t)
        if enc.fixups:
            branch = op in BRANCHES or op in ("call", "callq")
            for fx in enc.fixups:
                if fx.sym.startswith(_PLACEHOLDER):
                    e = pending[int(fx.sym[len(_PLACEHOLDER):])][1]
                    f = Fixup(frag, base + fx.offset, fx.size, fx.kind, e, None, fx.addend,
                              (sec, frag, base), self.line)
                else:
                    target = self.sym(fx.sym)
                    f = Fixup(frag, base + fx.offset, fx.size, fx.kind, None,
                              target, fx.addend, None, self.line)
                    if branch and fx.kind in ("PLT32", "PC32", "PC8"):
                        f.branch = True
                        f.forced = any("@" in o.name for o in ops
                                       if isinstance(o, (LabelOp, SymOp)))
                frag.fixups.append(f)

    @staticmethod
    def _encode(st: Insn, op: str, ops: list) -> Encoded:
        try:
            return encode(op, ops, False, st.prefixes)
        except EncodeError as ex:
            raise AsmError(_encode_message(ex, st)) from None

    def _encode_template(self, st: Insn, op: str, ops: list) -> Encoded:
        """Encode through a cache keyed by the operands with their symbol
        names left out: the bytes and fixups do not depend on the names."""
        key: list = [op, tuple(st.prefixes)]
        names: List[str] = []
        generic: list = []
        for o in ops:
            if isinstance(o, RegOp):
                key.append((o.reg.name, o.size))  # type: ignore[union-attr]
                generic.append(o)
                continue
            name = o.sym if isinstance(o, (Imm, Mem)) else o.name
            if name is None:
                key.append(("m", _rname(o.base), _rname(o.index), o.scale, o.disp, o.seg)
                           if isinstance(o, Mem) else ("i", o.value))
                generic.append(o)
                continue
            name, at, mod = name.partition("@")
            ph = "\x03%d%s%s" % (len(names), at, mod)
            names.append(name)
            if isinstance(o, Mem):
                key.append(("M", _rname(o.base), _rname(o.index), o.scale, o.disp, o.seg,
                            o.reloc, mod))
                m = _copy_mem(o)
                m.sym = ph
                generic.append(m)
            elif isinstance(o, Imm):
                key.append(("I", o.value, mod))
                generic.append(Imm(o.value, ph))
            else:
                key.append((type(o).__name__, mod))
                generic.append(type(o)(ph))
        k = tuple(key)
        tpl = self.tpl_cache.get(k)
        if tpl is None:
            enc = self._encode(st, op, generic)
            tpl = self.tpl_cache[k] = (enc.data, [
                (fx.offset, fx.size, fx.kind, int(fx.sym[1:]), fx.addend) for fx in enc.fixups])
        return Encoded(tpl[0], [EncFixup(off, size, kind, names[i], addend)
                                for off, size, kind, i, addend in tpl[1]])

    def _sym_operand(self, o: object) -> object:
        name = o.sym  # type: ignore[attr-defined]
        mod = o.reloc if isinstance(o, Mem) else None
        if "@" in name:
            name, _, mod = name.partition("@")
        if mod == "ABS":
            mod = None
        if name[-1] in "fb" and name[:-1].isdigit():
            name = self.local_name(name)
            s = self.mention(name, mod)
            if isinstance(o, Imm):
                return Imm(o.value, name)
            m = _copy_mem(o)  # type: ignore[arg-type]
            m.sym = name
            return m
        s = self.mention(name, mod)
        if s.expr is not None and mod is None:
            v = self.eval_equate(s)
            if v.is_const():
                if isinstance(o, Imm):
                    return Imm(o.value + v.addend)
                m = _copy_mem(o)  # type: ignore[arg-type]
                m.sym = None
                m.reloc = None
                m.disp += v.addend
                return m
            if v.minus is None and v.sym is not None and v.sym.name:
                if isinstance(o, Imm):
                    return Imm(o.value + v.addend, v.sym.name)
                m = _copy_mem(o)  # type: ignore[arg-type]
                m.sym = v.sym.name
                m.disp += v.addend
                return m
        return o

    def _expr_operand(self, o: object, e: Expr, i: int, pending: List[tuple]) -> object:
        e = self.mention_expr(e)
        if isinstance(o, (LabelOp, SymOp)):
            if e[0] == "sym":
                return type(o)(e[1] + ("@" + e[2] if e[2] else ""))
            raise AsmError("unsupported branch target expression")
        try:
            v = self.eval_now(e)
            const = self.const_now(e)
        except AsmError:          # e.g. a forward `.set` in a product
            v, const = Value(0, None, self.anon(self.dot())), None
        if const is not None:
            if isinstance(o, Imm):
                return Imm(const)
            m = _copy_mem(o)  # type: ignore[arg-type]
            m.disp = const
            return m
        if v.minus is None and v.sym is not None and v.sym.name:
            name = v.sym.name + ("@" + v.reloc if v.reloc else "")
            if isinstance(o, Imm):
                return Imm(v.addend, name)
            m = _copy_mem(o)  # type: ignore[arg-type]
            m.sym = v.sym.name
            m.reloc = v.reloc.upper() if v.reloc else m.reloc
            m.disp = v.addend
            if m.base is not None and m.base.name == "rip" and m.index is None:  # type: ignore
                m.base = None
            elif m.base is None and m.index is None and m.reloc is None:
                m.reloc = "ABS"
            return m
        # Known only after layout: a placeholder symbol gets the widest field,
        # the expression is evaluated at the end.
        ph = _PLACEHOLDER + str(len(pending))
        pending.append((i, e))
        if isinstance(o, Imm):
            return Imm(0, ph)
        m = _copy_mem(o)  # type: ignore[arg-type]
        m.sym = ph
        if m.base is None and m.index is None:
            m.reloc = "ABS"
        return m

    def _branch(self, op: str, target: LabelOp) -> None:
        sec = self.cur
        name, at, _ = target.name.partition("@")
        sym = self.sym(name) if not (name[-1] in "fb" and name[:-1].isdigit()) else \
            self.sym(self.local_name(name))
        forms = self.branch_cache.get(op)
        if forms is None:
            # the encodings differ only in the displacement: one per mnemonic
            try:
                short = encode(op, [LabelOp("\x01t")], True)
                long_ = encode(op, [LabelOp("\x01t")], False)
            except EncodeError as ex:
                raise AsmError(str(ex)) from None
            forms = self.branch_cache[op] = ((short.data, short.fixups[0].offset),
                                             (long_.data, long_.fixups[0].offset))
        f = sec.new_frag("branch")
        f.short, f.long = forms
        f.plt = bool(at)                     # an explicit @PLT
        f.target = sym
        f.line = self.line
        sec.new_frag("fixed")

    # -- driving ----------------------------------------------------------------

    def run(self, text: str) -> None:
        try:
            stmts, lines = parse_shared(text)
        except AsmError as e:
            raise AssemblyError(self.path, e.line, e.msg) from None
        self.run_stmts(stmts, lines)

    def run_stmts(self, stmts: list, lines: List[int]) -> None:
        directives = self.directives
        i, n = 0, len(stmts)
        insn = self.insn
        while i < n:
            st = stmts[i]
            self.line = lines[i]
            i += 1
            try:
                if not self.active or isinstance(st, Directive) and st.name in _CONDITIONALS:
                    if isinstance(st, Directive) and st.name in _CONDITIONALS:
                        self.conditional(st)
                    continue
                if isinstance(st, Insn):
                    insn(st)
                elif isinstance(st, Label):
                    self.define(st.name)
                elif st.name == ".rept":
                    j = _block_end(stmts, i)
                    count = self.absolute(st.args[0]) if st.args else 0
                    for _ in range(max(count, 0)):
                        self.run_stmts(stmts[i:j], lines[i:j])
                    i = j + 1
                else:
                    handler = directives.get(st.name)
                    if handler is None:
                        raise AsmError("unknown pseudo-op: `%s'" % st.name)
                    handler(self, st)
            except AsmError as e:
                raise AssemblyError(self.path, lines[i - 1], e.msg) from None
            except (IndexError, ValueError, KeyError):
                # a directive missing arguments or with malformed ones
                what = st.name if isinstance(st, Directive) else getattr(st, "op", "")
                raise AssemblyError(self.path, lines[i - 1],
                                    "bad or missing operands for `%s'" % what) from None

    def conditional(self, d: Directive) -> None:
        """.if* / .elseif / .else / .endif: self.conds holds, per open
        block, (enclosing block active, a branch already taken)."""
        name = d.name
        if name == ".endif":
            if not self.conds:
                raise AsmError(".endif without .if")
            self.active = self.conds.pop()[0]
            return
        if name in (".else", ".elseif"):
            if not self.conds:
                raise AsmError("%s without matching .if" % name)
            parent, taken = self.conds[-1]
            cond = not taken and (name == ".else" or parent and self.condition(".if", d.args))
            self.conds[-1] = (parent, taken or cond)
            self.active = parent and cond
            return
        parent = self.active
        cond = parent and self.condition(name, d.args)
        self.conds.append((parent, cond))
        self.active = cond

    def condition(self, name: str, args: List[str]) -> bool:
        text = ",".join(args).strip()
        if name in (".ifdef", ".ifndef", ".ifnotdef"):
            s = self.symbols.get(text)
            known = s is not None and (s.defined() or s.common is not None)
            return known if name == ".ifdef" else not known
        if name in (".ifb", ".ifnb"):
            return (text == "") == (name == ".ifb")
        if name in (".ifc", ".ifnc", ".ifeqs", ".ifnes"):
            if len(args) < 2:
                raise AsmError("missing operand for %s" % name)
            a, b = (x.strip().strip('"') if name in (".ifeqs", ".ifnes") or
                    x.strip().startswith('"') else x.strip() for x in (args[0], ",".join(args[1:])))
            return (a == b) == (name in (".ifc", ".ifeqs"))
        v = self.absolute(text)
        return {".if": v != 0, ".ifne": v != 0, ".ifeq": v == 0, ".ifge": v >= 0,
                ".ifgt": v > 0, ".ifle": v <= 0, ".iflt": v < 0}[name]

    def finish(self) -> bytes:
        from lcc.asm import layout
        try:
            return layout.finish(self)
        except AsmError as e:
            raise AssemblyError(self.path, e.line or self.line, e.msg) from None


_CONDITIONALS = {".if", ".ifdef", ".ifndef", ".ifnotdef", ".ifb", ".ifnb", ".ifc", ".ifnc",
                 ".ifeq", ".ifne", ".ifge", ".ifgt", ".ifle", ".iflt", ".ifeqs", ".ifnes",
                 ".else", ".elseif", ".endif"}


def _is_local_label(name: str) -> bool:
    return name.startswith(".L") or "\x02" in name


def _block_end(stmts: list, i: int) -> int:
    """The index of the .endr closing the .rept block that starts at i
    (blocks nest)."""
    depth = 1
    for j in range(i, len(stmts)):
        st = stmts[j]
        if isinstance(st, Directive):
            if st.name == ".rept":
                depth += 1
            elif st.name == ".endr":
                depth -= 1
                if depth == 0:
                    return j
    raise AsmError(".rept without .endr")


def _encode_message(ex: Exception, st: Insn) -> str:
    msg = str(ex)
    if msg.startswith("unknown instruction"):
        return "no such instruction: `%s'" % st.text.strip()
    return msg


def _rname(r: object) -> Optional[str]:
    return getattr(r, "name", None)


def _copy_mem(m: Mem) -> Mem:
    return Mem(m.base, m.index, m.scale, m.disp, m.sym, m.slot, m.seg, m.reloc)


def assemble(text: str, path: str = "<stdin>") -> bytes:
    """Assemble GNU AT&T x86-64 source into an ELF relocatable object."""
    a = Assembler(path)
    try:
        a.run(text)
        return a.finish()
    except AssemblyError as e:
        if "#" in text:           # preprocessed source: report the original place
            where = source_position(text, e.line, path)
            if where != (path, e.line):
                raise AssemblyError(where[0], where[1], e.msg) from None
        raise


__all__ = ["assemble", "Assembler", "AssemblyError"]
