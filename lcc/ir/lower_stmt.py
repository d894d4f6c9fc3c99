"""Lowering statements: control flow, switch, asm, local declarations and
their initializers."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, TYPE_CHECKING, Tuple

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir.func import AsmInfo, DataItem
from lcc.ir import lower_vm
from lcc.ir.lower_types import is_memory_type
from lcc.ir.tree import Node
from lcc.sema.types import (ArrayType, IntType, PointerType, RecordType, has_variable_size,
                             is_vm_record)

_STR_RE = re.compile(r'(?:u8|[uUL])?"((?:[^"\\]|\\.)*)"', re.S)
_ESC = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
        "\\": "\\", "'": "'", '"': '"', "?": "?", "e": "\x1b"}


def decode_string(text: Any) -> str:
    """The characters of string literal tokens as written (quotes included,
    adjacent pieces separated by spaces)."""
    if isinstance(text, ast.StringLit):
        v = text.value
        if isinstance(v, (bytes, bytearray)):
            return v.rstrip(b"\0").decode("latin-1") if v.endswith(b"\0") else \
                v.decode("latin-1")
        return "".join(map(chr, v[:-1]))
    out = []
    for m in _STR_RE.finditer(str(text)):
        s = m.group(1)
        i = 0
        while i < len(s):
            c = s[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            i += 1
            c = s[i]
            if c in _ESC:
                out.append(_ESC[c])
                i += 1
            elif c in "01234567":
                j = i
                while j < len(s) and j < i + 3 and s[j] in "01234567":
                    j += 1
                out.append(chr(int(s[i:j], 8) & 0xFF))
                i = j
            elif c == "x":
                j = i + 1
                while j < len(s) and s[j] in "0123456789abcdefABCDEF":
                    j += 1
                out.append(chr(int(s[i + 1:j] or "0", 16) & 0xFF))
                i = j
            else:
                out.append(c)
                i += 1
    return "".join(out)


if TYPE_CHECKING:
    # The mixins are parts of the Lowerer (lower.py): their attributes come
    # from the others, so mypy sees them as Any.
    from typing import Any as _Base
else:
    _Base = object


class StmtMixin(_Base):
    """Part of the Lowerer."""

    def stmt(self, s: Any) -> None:
        if s is None:
            return
        if self.ended() and not has_labels(s):
            return      # unreachable: after a jump or return, before any label
        m = getattr(self, "s_" + type(s).__name__, None)
        if m is None and not isinstance(s, ast.Expr):
            raise CompileError(s.loc, "%s statement is not supported yet" % type(s).__name__)
        # The trees of this statement carry its position (a nested
        # statement its own; what follows it, e.g. a for's step, ours).
        outer = self.stmt_loc
        self.stmt_loc = s.loc if s.loc is not None else outer
        try:
            if m is None:
                self.effect(s)
                return
            self.analyzer.diags.where = s.loc
            m(s)
        finally:
            self.stmt_loc = outer

    def at(self, e: Any) -> None:
        """Trees emitted from now on belong to expression e's line (a
        loop's condition or step, `} while (c);`)."""
        if e is not None and getattr(e, "loc", None) is not None:
            self.stmt_loc = e.loc

    def body_items(self, c: ast.Compound) -> None:
        self.label_scopes.append({})
        try:
            for it in c.items or []:
                self.item(it)
        finally:
            self.label_scopes.pop()

    def item(self, it: Any) -> None:
        if isinstance(it, ast.Declaration):
            self.analyzer.diags.where = it.loc
            outer = self.stmt_loc
            self.stmt_loc = it.loc if it.loc is not None else outer
            try:
                self.local_decl(it)
            finally:
                self.stmt_loc = outer
        elif isinstance(it, ast.LocalLabelDecl):
            scope = self.label_scopes[-1]
            for n in it.names or []:
                # A label nested functions jump to got its IR label on entry.
                if n in self.jmpbufs and n in self.label_scopes[0]:
                    scope[n] = self.label_scopes[0][n]
                else:
                    scope[n] = self.new_label()
        elif isinstance(it, (ast.StaticAssert, ast.Pragma, ast.AsmDecl)):
            pass
        elif isinstance(it, ast.FunctionDef):
            if it.symbol is not None:
                self.define_nested(it)
        else:
            self.stmt(it)

    def stmt_expr_body(self, e: Any) -> Any:
        """Lower a statement expression's items but the last expression,
        which is returned unevaluated (None when there is none)."""
        items = e.body.items or []
        last = None
        if items and isinstance(items[-1], ast.ExprStmt) and items[-1].expr is not None:
            last = items[-1].expr
            items = items[:-1]
        self.label_scopes.append({})
        try:
            for it in items:
                self.item(it)
        finally:
            self.label_scopes.pop()
        return last

    # -------------------------------------------------------- simple ones
    def s_Compound(self, s: ast.Compound) -> None:
        self.body_items(s)

    def s_ExprStmt(self, s: ast.ExprStmt) -> None:
        self.effect(s.expr)

    def s_If(self, s: ast.If) -> None:
        known = self.const_truth(s.cond)
        if known is not None:
            # As gcc does even at -O0, a branch that cannot run is not
            # emitted (tests rely on it to drop calls of undefined
            # functions); with a label inside, only what the label reaches.
            live, dead = (s.then, s.els) if known else (s.els, s.then)
            if not has_labels(dead):
                self.stmt(live)
                return
            done = self.new_label()
            if known:
                self.stmt(live)
                self.jump(done)
                self.stmt(dead)
            else:
                skip = self.new_label()
                self.jump(skip)
                self.stmt(dead)
                self.jump(done)
                self.start_block(skip)
                self.stmt(live)
            self.start_block(done)
            return
        yes, no = self.new_label(), self.new_label()
        self.cond(s.cond, yes, no)
        self.start_block(yes)
        self.stmt(s.then)
        if s.els is None:
            self.start_block(no)
            return
        done = self.new_label()
        self.jump(done)
        self.start_block(no)
        self.stmt(s.els)
        self.start_block(done)

    def loop(self, body: Any, brk: str, cont: str) -> None:
        self.breaks.append(brk)
        self.continues.append(cont)
        try:
            self.stmt(body)
        finally:
            self.breaks.pop()
            self.continues.pop()

    def s_While(self, s: ast.While) -> None:
        if self.const_truth(s.cond) is False and not has_labels(s.body):
            return
        top, body, end = self.new_label(), self.new_label(), self.new_label()
        self.start_block(top)
        self.at(s.cond)
        self.cond(s.cond, body, end)
        self.start_block(body)
        self.loop(s.body, end, top)
        self.jump(top)
        self.start_block(end)

    def s_DoWhile(self, s: ast.DoWhile) -> None:
        body, cont, end = self.new_label(), self.new_label(), self.new_label()
        self.start_block(body)
        self.loop(s.body, end, cont)
        self.start_block(cont)
        self.at(s.cond)
        self.cond(s.cond, body, end)
        self.start_block(end)

    def s_For(self, s: ast.For) -> None:
        if isinstance(s.init, ast.Declaration):
            self.local_decl(s.init)
        elif s.init is not None:
            self.effect(s.init)
        if s.cond is not None and self.const_truth(s.cond) is False and \
                not has_labels(s.body):
            return
        top, body, cont, end = (self.new_label(), self.new_label(),
                                self.new_label(), self.new_label())
        self.start_block(top)
        if s.cond is not None:
            self.at(s.cond)
            self.cond(s.cond, body, end)
        self.start_block(body)
        self.loop(s.body, end, cont)
        self.start_block(cont)
        if s.step is not None:
            self.at(s.step)
            self.effect(s.step)
        self.jump(top)
        self.start_block(end)

    def s_Break(self, s: Any) -> None:
        self.jump(self.breaks[-1])

    def s_Continue(self, s: Any) -> None:
        self.jump(self.continues[-1])

    def s_Goto(self, s: ast.Goto) -> None:
        if self.targets and self.nonlocal_goto(s.label):
            return
        self.jump(self.user_label(s.label))

    def s_GotoIndirect(self, s: ast.GotoIndirect) -> None:
        v = self.expr(s.expr)
        self.emit(Node("IJUMPV", (v,)))

    def s_Labeled(self, s: ast.Labeled) -> None:
        self.start_block(self.user_label(s.label))
        self.stmt(s.stmt)

    def s_LocalLabelDecl(self, s: Any) -> None:
        self.item(s)

    def s_Declaration(self, s: Any) -> None:
        self.local_decl(s)

    def s_StaticAssert(self, s: Any) -> None:
        pass

    s_Pragma = s_StaticAssert

    def s_Return(self, s: ast.Return) -> None:
        rt = self.ret_type
        e = s.expr
        if rt.is_void or e is None:
            if e is not None:
                self.effect(e)
            if rt.is_void:
                self.emit(Node("RETV"))
            else:
                self.finish_function_value()
            return
        if e.type.is_void:
            self.effect(e)
            self.finish_function_value()
            return
        if is_memory_type(rt):
            self.emit(Node("RETB", (self.addr(e),)))
            return
        v = self.expr(e)
        ltr, sz = self.vletter(rt)
        if (v.op.letter, v.op.size) != (ltr, sz):
            v = self.convert(v, e.type, rt)
        self.emit(Node("RET%s%d" % (ltr, sz), (v,)))

    def finish_function_value(self) -> None:
        """`return;` in a non-void function: an unspecified value."""
        rt = self.ret_type
        if is_memory_type(rt):
            tmp = self.new_mem(rt.size(), rt.align())
            self.emit(Node("RETB", (Node("ADDRLP8", (), tmp),)))
        else:
            ltr, sz = self.vletter(rt)
            self.emit(Node("RET%s%d" % (ltr, sz), (self.zero(ltr, sz),)))

    # ------------------------------------------------------------- switch
    def s_Switch(self, s: ast.Switch) -> None:
        vt = s.expr.type
        v = self.expr(s.expr)
        ltr, sz = v.op.letter, v.op.size
        if not (v.op.operation == "CNST"):
            v = self.read(self.temp_of(v))
        cases, default = collect_cases(s.body)
        labels: Dict[int, str] = {}
        values: List[Tuple[int, int, str]] = []
        for c in cases:
            lab = self.new_label()
            labels[id(c)] = lab
            lo = self.analyzer.fold(c.lo)
            hi = lo if c.hi is None else self.analyzer.fold(c.hi)
            if lo is None or hi is None:
                raise CompileError(c.loc, "case label does not reduce to an integer constant")
            if isinstance(vt, IntType):
                lo, hi = vt.wrap(int(lo)), vt.wrap(int(hi))
            if hi >= lo:
                values.append((int(lo), int(hi), lab))
        end = self.new_label()
        dflt = end
        if default is not None:
            dflt = self.new_label()
            labels[id(default)] = dflt
        values.sort()
        count = sum(min(hi - lo + 1, 1 << 20) for lo, hi, _ in values)
        span = values[-1][1] - values[0][0] + 1 if values else 0
        if len(values) >= 4 and span <= 3 * count and span <= 1 << 16:
            self.jump_table(v, ltr, sz, values, dflt)
        else:
            for lo, hi, lab in values:
                if lo == hi:
                    self.emit(Node("EQ%s%d" % (ltr, sz),
                                   (self.clone(v), self.const(lo, ltr, sz)), lab))
                else:
                    d = self.cv(Node("SUB%s%d" % (ltr, sz), (self.clone(v),
                                                          self.const(lo, ltr, sz))), "U", sz)
                    self.emit(Node("LEU%d" % sz, (d, self.const(hi - lo, "U", sz)), lab))
            self.jump(dflt)
        self.switch_labels.append(labels)
        self.breaks.append(end)
        try:
            self.stmt(s.body)
        finally:
            self.breaks.pop()
            self.switch_labels.pop()
        self.start_block(end)

    def jump_table(self, v: Node, ltr: str, sz: int, values: List[Tuple[int, int, str]],
                   dflt: str) -> None:
        lo0 = values[0][0]
        span = values[-1][1] - lo0 + 1
        table = [dflt] * span
        for lo, hi, lab in values:
            for x in range(lo, hi + 1):
                table[x - lo0] = lab
        v8 = self.cv(self.clone(v), ltr, 8)
        idx = self.cv(Node("SUB%s8" % ltr, (v8, self.const(lo0, ltr, 8))), "U", 8)
        idx = self.read(self.temp_of(idx))
        self.emit(Node("GTU8", (idx, self.const(span - 1, "U", 8)), dflt))
        from lcc.ir import data
        name = data.new_data_name(self.module)
        # Entries are 4-byte offsets of the case labels from the table (as
        # gcc's): position independent, so the table needs no relocation
        # at load time and stays in .rodata of a PIE or shared library.
        self.module.data.append(DataItem(name, 4 * span, 4, "rodata", "static",
                                         [("labeldiff", 4, lab, name) for lab in table]))
        for lab in table:
            if lab not in self.fn.label_targets:
                self.fn.label_targets.append(lab)
        slot = Node("ADDP8", (Node("ADDRGP8", (), name),
                              Node("MULI8", (self.cv(self.clone(idx), "I", 8),
                                             self.const(4, "I", 8)))))
        off = Node("CVII8", (Node("INDIRI4", (slot,)),))
        self.emit(Node("IJUMPV", (Node("ADDP8", (Node("ADDRGP8", (), name), off)),)))

    def s_Case(self, s: Any) -> None:
        # Long runs of `case a: case b: ...` nest deeply: walk them in a loop.
        while isinstance(s, (ast.Case, ast.Default)):
            lab = self.switch_labels[-1].get(id(s))
            if lab is None:
                raise CompileError(s.loc, "case label not within a switch statement")
            self.start_block(lab)
            s = s.stmt
        self.stmt(s)

    s_Default = s_Case

    # ---------------------------------------------------------------- asm
    def s_AsmStmt(self, s: ast.AsmStmt) -> None:
        outs: List[Tuple[str, Node]] = []
        ins: List[Tuple[str, Node]] = []
        names: Dict[int, str] = {}
        i = 0
        for op in s.outputs or []:
            c = decode_string(op.constraint)
            outs.append((c, self.addr(op.expr)))
            if op.name:
                names[i] = op.name
            i += 1
        for op in s.inputs or []:
            c = decode_string(op.constraint)
            letters = c.lstrip("=+&%")
            # 'Q' is a memory constraint on aarch64 but a register class
            # (a, b, c, d) on x86-64.
            mem_letters = "moV<>" if self.target.name == "x86_64" else "moVQ<>"
            if is_memory_type(op.expr.type) or (letters and all(ch in mem_letters
                                                                for ch in letters)):
                tree = self.addr(op.expr)
            else:
                tree = self.expr(op.expr)
            ins.append((c, tree))
            if op.name:
                names[i] = op.name
            i += 1
        clobbers = [decode_string(c) for c in s.clobbers or []]
        goto_labels = []
        # gcc numbers asm goto labels after the operands and the hidden
        # inputs of "+" outputs; their C names go in `names` there too.
        first_label = len(outs) + len(ins) + sum(1 for c, _ in outs if "+" in c)
        for k, n in enumerate(s.labels or []):
            names[first_label + k] = str(n)
            lab = self.user_label(n)
            goto_labels.append(lab)
            if lab not in self.fn.label_targets:
                self.fn.label_targets.append(lab)
        quals = s.quals or []
        info = AsmInfo(decode_string(s.template), outs, ins, clobbers, names, goto_labels,
                       "volatile" in quals or not outs or bool(goto_labels))
        # Operand widths for the back end (x86_64/inline_asm.py).
        info.out_types = [op.expr.type for op in s.outputs or []]
        info.in_types = [op.expr.type for op in s.inputs or []]
        self.emit(Node("ASMV", (), info))  # type: ignore[arg-type]

    # ------------------------------------------------------- declarations
    def local_decl(self, d: ast.Declaration) -> None:
        lower_vm.eval_specs(self, d.specs)
        for sym in d.symbols or []:
            if sym is None:
                continue
            if sym.kind == "typedef":
                self.eval_vla_sizes(sym.type)
                continue
            if sym.kind != "var":
                continue
            if sym.storage == "extern" or sym.linkage != "none":
                if sym.thread_local:
                    self.global_addr(sym)
                continue
            if sym.storage == "static" or sym.has_static_storage:
                self.define_static_local(sym)
                continue
            self.auto_decl(sym)

    def define_static_local(self, sym: Any) -> None:
        done = self.module.names.setdefault("lower_defined", {})
        if id(sym) in done:
            return
        done[id(sym)] = sym
        from lcc.ir import data
        data.define_global(self, sym)

    def eval_vla_sizes(self, t: Any) -> None:
        """Evaluate the size expressions of the VLA types in t (when the
        declaration is reached, as C requires) into temporaries."""
        chain = []
        while True:
            if isinstance(t, ArrayType):
                chain.append(t)
                t = t.elem
            elif isinstance(t, PointerType):
                t = t.target
            else:
                break
        if is_vm_record(t):
            lower_vm.eval_layout(self, t.info)
        for at in reversed(chain):
            if at.is_vla and id(at) not in self.vla_size:
                size = self.type_size(at)
                self.vla_size[id(at)] = self.temp_of(size)
                self.keep.append(at)

    def auto_decl(self, sym: Any) -> None:
        t = sym.type
        self.eval_vla_sizes(t)
        if has_variable_size(t):
            # VLAs and variably modified structs live in ALLOCA blocks.
            if sym.init:
                raise CompileError(sym.loc, "initializing an object of variable size "
                                            "is not supported yet")
            lower_vm.block(self, sym, self.type_size(t))
            return
        name = self.local_for(sym)
        if sym.init is None:
            return
        self.init_object(Node("ADDRLP8", (), name), t, sym.init,
                         self.fn.locals[name].reg)

    def init_object(self, base: Node, t: Any, entries: List[Any], reg: bool = False) -> None:
        """Zero-fill the object at base, then store the InitEntry list."""
        if reg:
            if not entries:
                ltr, sz = self.vletter(t)
                self.emit(self.store(base, self.zero(ltr, sz), t))
            for e in entries:
                self.init_entry(self.clone(base), e)
            return
        size = t.size()
        if not self.covers(entries, size):
            self.zero_fill(base, size)
        for e in entries:
            self.init_entry(self.clone(base), e)

    def covers(self, entries: List[Any], size: int) -> bool:
        """Whether the entries write every byte of the object."""
        if size > 4096:
            return False
        seen = bytearray(size)
        for e in entries:
            if e.bit_width is not None:
                continue
            if isinstance(e.type, ArrayType) and isinstance(e.expr, ast.StringLit):
                continue
            n = e.type.size()
            if isinstance(e.type, RecordType) and e.type.info.has_flex:
                continue
            for i in range(e.offset, min(e.offset + n, size)):
                seen[i] = 1
        return all(seen)

    def zero_fill(self, base: Node, size: int) -> None:
        if size <= 0:
            return
        if size > 128:
            from lcc.sema.types import FuncType
            ft = FuncType(PointerType(self.ts.void), [PointerType(self.ts.void),
                                                       self.ts.int_, self.ts.ulong])
            self.call(Node("ADDRGP8", (), "memset"), ft,
                      [(self.clone(base), PointerType(self.ts.void)),
                       (self.const(0, "I", 4), self.ts.int_),
                       (self.const(size, "U", 8), self.ts.ulong)],
                      PointerType(self.ts.void))
            return
        off = 0
        for n in (8, 4, 2, 1):
            while size - off >= n:
                a = self.clone(base) if off == 0 else Node(
                    "ADDP8", (self.clone(base), self.const(off, "I", 8)))
                self.emit(Node("ASGNI%d" % n, (a, self.const(0, "I", n))))
                off += n

    def init_entry(self, base: Node, e: Any) -> None:
        t = e.type
        a = base if e.offset == 0 else Node("ADDP8", (base, self.const(e.offset, "I", 8)))
        x = e.expr
        if e.bit_width is not None:
            from lcc.sema.types import Member
            m = Member(None, t, getattr(x, "loc", None), e.bit_width)
            m.bit_offset = e.bit_offset
            self.bitfield_insert(a, m, self.expr(x), False)
            return
        if isinstance(t, ArrayType) and isinstance(x, ast.StringLit):
            v = x.value
            esize = t.elem.size()
            n = len(v) * (1 if isinstance(v, (bytes, bytearray)) else esize)
            n = min(n, t.size()) if t.length is not None else n
            self.copy_block(a, self.addr(x), n)
            return
        if is_memory_type(t):
            self.copy_block(a, self.addr(x), t.size())
            return
        self.emit(self.store(a, self.expr(x), t))


def has_labels(s: Any) -> bool:
    """Whether statement s holds a label, case or default (a way in)."""
    if s is None:
        return False
    return any(isinstance(n, (ast.Labeled, ast.Case, ast.Default)) for n in ast.walk(s))


def collect_cases(body: Any) -> Tuple[List[Any], Optional[Any]]:
    """The Case nodes and the Default of a switch body (not of nested
    switches)."""
    cases: List[Any] = []
    default = None
    stack = [body]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if isinstance(n, ast.Switch):
            continue
        if isinstance(n, ast.Case):
            cases.append(n)
        elif isinstance(n, ast.Default):
            default = n
        if isinstance(n, ast.Expr) and not isinstance(n, ast.StmtExpr):
            continue
        kids = list(n.children())
        kids.reverse()
        stack.extend(kids)
    return cases, default
