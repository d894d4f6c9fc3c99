"""Lowering expressions: value trees (`expr`), address trees (`addr`),
branches (`cond`) and evaluation for side effects only (`effect`).

Calls are statement roots: a call nested in an expression is emitted as
`ASGNx(ADDRLP8[t], CALLx(...))` before the tree that uses it, which reads
the temporary.  Evaluation order of operands follows the source, left to
right; sequence points (`&&`, `||`, `?:`, `,`) become blocks.
"""
from __future__ import annotations

from typing import Any, Optional, TYPE_CHECKING

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir.lower_types import is_memory_type, is_wide
from lcc.ir.tree import Node
from lcc.sema.types import ArrayType, FloatType, has_variable_size, is_vm_record

_ARITH = {"+": "ADD", "-": "SUB", "*": "MUL", "/": "DIV", "%": "MOD", "&": "BAND",
          "|": "BOR", "^": "BXOR", "<<": "LSH", ">>": "RSH"}
_CMP = {"<": "LT", ">": "GT", "<=": "LE", ">=": "GE", "==": "EQ", "!=": "NE"}
_NEGATE = {"LT": "GE", "GE": "LT", "GT": "LE", "LE": "GT", "EQ": "NE", "NE": "EQ"}
_LVALUES = (ast.Ident, ast.Index, ast.Member, ast.CompoundLiteral, ast.StringLit)


def _wide() -> Any:
    from lcc.ir import lower_wide
    return lower_wide


def _builtins() -> Any:
    from lcc.ir import lower_builtins
    return lower_builtins


def strip(e: Any) -> Any:
    """e without value-preserving wrappers (qualifier casts)."""
    while isinstance(e, ast.ImplicitCast) and e.kind == "qual":
        e = e.expr
    return e


def _has_labels(e: Any) -> bool:
    from lcc.ir.lower_stmt import has_labels
    return has_labels(e)


if TYPE_CHECKING:
    # The mixins are parts of the Lowerer (lower.py): their attributes come
    # from the others, so mypy sees them as Any.
    from typing import Any as _Base
else:
    _Base = object


class ExprMixin(_Base):
    """Part of the Lowerer."""

    _volatile = False

    # ------------------------------------------------------------ values
    def expr(self, e: Any) -> Node:
        """The value tree of a scalar expression (for memory-only types:
        the address of the value, as lower_wide.expr gives it)."""
        if is_memory_type(e.type) and not isinstance(e.type, ArrayType) and (
                isinstance(e, (ast.Call, ast.Comma, ast.StmtExpr, ast.VaArg, ast.Conditional)) or
                (isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "qual")) or
                (isinstance(e, ast.Assign) and e.op == "=") or
                isinstance(e, _LVALUES) or (isinstance(e, ast.Unary) and e.op == "*")):
            return self.addr(e)
        if self.wide_operands(e):
            r = _wide().expr(self, e)
            if r is None:
                raise CompileError(e.loc, "void value not ignored as it ought to be")
            return r
        m = getattr(self, "x_" + type(e).__name__, None)
        if m is None:
            if isinstance(e, _LVALUES) or (isinstance(e, ast.Unary) and e.op == "*"):
                return self.load_lvalue(e)
            raise CompileError(e.loc, "%s is not supported yet" % type(e).__name__)
        return m(e)

    def wide_operands(self, e: Any) -> bool:
        """Whether lower_wide lowers e: its type or an operand's is wide."""
        t = e.type
        if is_wide(t):
            return True
        if isinstance(e, (ast.ImplicitCast, ast.Cast)):
            return is_wide(e.expr.type)
        if isinstance(e, ast.Binary) and e.op in _CMP:
            return is_wide(e.left.type) or is_wide(e.right.type)
        if isinstance(e, ast.Unary) and e.op == "!":
            return is_wide(e.operand.type)
        return False

    def x_IntLit(self, e: Any) -> Node:
        return self.iconst(e.value, e.type)

    x_CharLit = x_IntLit

    def x_FloatLit(self, e: Any) -> Node:
        size = self.letter(e.type)[1]
        if size == 16:
            from lcc.ir.data_float import exact_value
            q = exact_value(self.analyzer, e, e.type)
            if q is not None:
                return self.ldouble_const(q)
        return self.const(e.value, "F", size)

    def x_Ident(self, e: Any) -> Node:
        s = e.symbol
        if s is not None and s.kind == "enumconst":
            return self.iconst(s.value, e.type)
        if s is not None and s.kind == "func":
            return self.addr(e)
        return self.load_lvalue(e)

    def fold_const(self, e: Any) -> Optional[Node]:
        v = self.analyzer.fold(e)
        if v is None:
            return None
        ltr, s = self.vletter(e.type)
        if ltr == "P" and isinstance(v, int):
            return self.const(v, "P", 8)
        if ltr not in "IUF":
            return None
        return self.iconst(v, e.type) if ltr != "F" else self.const(v, "F", s)

    def x_SizeofExpr(self, e: Any) -> Node:
        t = e.expr.type
        if has_variable_size(t):
            return self.cv(self.type_size(t), *self.vletter(e.type))
        return self.iconst(self.analyzer.fold(e) or 0, e.type)

    def x_SizeofType(self, e: Any) -> Node:
        t = e.typename.type
        if has_variable_size(t):
            return self.cv(self.type_size(t), *self.vletter(e.type))
        return self.iconst(self.analyzer.fold(e) or 0, e.type)

    def x_AlignofType(self, e: Any) -> Node:
        return self.iconst(self.analyzer.fold(e) or 0, e.type)

    x_AlignofExpr = x_AlignofType

    def x_Offsetof(self, e: Any) -> Node:
        c = self.fold_const(e)
        if c is not None:
            return c
        # A designator with a variable index: offset arithmetic at run time.
        t = e.typename.type
        off: Node = self.const(0, "U", 8)
        for d in e.designators or []:
            if isinstance(d, ast.FieldDesignator):
                found = t.info.find(d.name)
                if found is None:
                    raise CompileError(e.loc, "no member named '%s'" % d.name)
                if t.info.is_vm:
                    from lcc.ir import lower_vm
                    part = lower_vm.member_offset(self, t.info, found[0])
                else:
                    part = self.const(found[1], "U", 8)
                t = found[0][-1].type
                off = Node("ADDU8", (off, part))
            else:
                i = self.convert(self.expr(d.lo), d.lo.type, self.ts.ulong)
                off = Node("ADDU8", (off, Node("MULU8", (i, self.type_size(t.elem)))))
                t = t.elem
        return self.cv(off, *self.vletter(e.type))

    def x_TypesCompatible(self, e: Any) -> Node:
        c = self.fold_const(e)
        if c is not None:
            return c
        return self.builtin(e)

    def x_BuiltinTypeArg(self, e: Any) -> Node:
        return self.builtin(e)

    def x_VaArg(self, e: Any) -> Node:
        r = _builtins().va_arg(self, e)
        if r is None:
            raise CompileError(e.loc, "void value not ignored as it ought to be")
        return r

    def x_LabelAddr(self, e: Any) -> Node:
        if self.targets:
            outer = self.outer_label_addr(e.label)
            if outer is not None:
                return outer
        lab = self.user_label(e.label)
        if lab not in self.fn.label_targets:
            self.fn.label_targets.append(lab)
        return Node("LADDRP8", (), lab)

    def x_StringLit(self, e: Any) -> Node:
        return self.addr(e)

    def x_ImplicitCast(self, e: Any) -> Node:
        k = e.kind
        inner = e.expr
        if k == "lvalue":
            return self.load_lvalue(inner)
        if k in ("array", "function"):
            return self.addr(inner)
        if k == "void":
            self.effect(inner)
            return self.zero("I", 4)
        if k == "qual":
            return self.expr(inner)
        if k == "bool":
            if isinstance(strip(inner), (ast.Binary, ast.Unary)) and \
                    (getattr(strip(inner), "op", "") in _CMP or strip(inner).op in
                     ("&&", "||", "!")):
                return self.cv(self.expr(inner), "U", 4)
            return self.to_bool(self.expr(inner))
        if k == "transparent-union" or is_memory_type(e.type):
            raise CompileError(e.loc, "conversion to %s is not supported yet" % e.type)
        return self.convert(self.expr(inner), inner.type, e.type)

    def x_Cast(self, e: Any) -> Node:
        t = e.type
        if t.is_void:
            self.effect(e.expr)
            return self.zero("I", 4)
        if is_memory_type(t):
            return self.addr(e)
        return self.convert(self.expr(e.expr), e.expr.type, t)

    def x_Comma(self, e: Any) -> Node:
        self.effect(e.left)
        return self.expr(e.right)

    def x_Unary(self, e: Any) -> Node:
        op = e.op
        if op == "&":
            return self.addr(e.operand)
        if op == "*":
            if e.type.is_func:
                return self.expr(e.operand)
            return self.load_lvalue(e)
        if op in ("+", "__extension__"):
            return self.expr(e.operand)
        if op == "-":
            v = self.expr(e.operand)
            ltr, s = v.op.letter, v.op.size
            if v.op.operation == "CNST":
                return self.const(-v.value, ltr, s)  # type: ignore[operator]
            if ltr == "U":
                return Node("SUBU%d" % s, (self.zero("U", s), v))
            return Node("NEG%s%d" % (ltr, s), (v,))
        if op == "~":
            v = self.expr(e.operand)
            if v.op.operation == "CNST":
                return self.const(~v.value, v.op.letter, v.op.size)  # type: ignore[operator]
            return Node("BCOM%s%d" % (v.op.letter, v.op.size), (v,))
        if op == "!":
            return self.bool_value(e)
        if op in ("++", "--"):
            return self.incdec(e, op, True, True)
        if op in ("__real__", "__imag__"):
            ot = e.operand.type
            if isinstance(ot, FloatType) and ot.complex:
                return self.load(self.addr(e), e.type)
            if op == "__real__":
                return self.expr(e.operand)
            self.effect(e.operand)
            return self.convert(self.zero("I", 4), self.ts.int_, e.type)
        raise CompileError(e.loc, "unary %s is not supported yet" % op)

    def x_Postfix(self, e: Any) -> Node:
        return self.incdec(e, e.op, False, True)

    def x_Binary(self, e: Any) -> Node:
        op = e.op
        if op in _CMP or op in ("&&", "||"):
            return self.bool_value(e)
        lt, rt = e.left.type, e.right.type
        if op in ("+", "-") and (lt.is_pointer or rt.is_pointer):
            return self.pointer_arith(e, op)
        a = self.expr(e.left)
        b = self.expr(e.right)
        r = self.arith(op, a, b, e.type)
        w = self.bitfield_precision(e)
        if w:
            r = self.truncate_bits(r, w, e.type.signed)
        return r

    def arith(self, op: str, a: Node, b: Node, t: Any) -> Node:
        """a op b in C type t (operands already of type t, shift counts of
        their promoted type)."""
        ltr, s = self.vletter(t)
        if op in ("<<", ">>"):
            b = self.cv(b, "I", 4)
        if ltr == "F" and op in ("%", "&", "|", "^", "<<", ">>"):
            raise CompileError(None, "invalid operands to binary %s" % op)
        folded = self.fold_arith(op, a, b, ltr, s)
        if folded is not None:
            return folded
        return Node("%s%s%d" % (_ARITH[op], ltr, s), (a, b))

    def fold_arith(self, op: str, a: Node, b: Node, ltr: str, s: int) -> Optional[Node]:
        if a.op.operation != "CNST" or b.op.operation != "CNST" or ltr == "F":
            return None
        x, y = a.value, b.value
        assert isinstance(x, int) and isinstance(y, int)
        if op in ("/", "%") and y == 0:
            return None
        if op == "+":
            r = x + y
        elif op == "-":
            r = x - y
        elif op == "*":
            r = x * y
        elif op in ("/", "%"):
            q = abs(x) // abs(y)
            q = q if (x >= 0) == (y >= 0) else -q
            r = q if op == "/" else x - q * y
        elif op == "&":
            r = x & y
        elif op == "|":
            r = x | y
        elif op == "^":
            r = x ^ y
        elif op == "<<":
            if y < 0 or y >= s * 8:
                return None
            r = x << y
        else:
            if y < 0 or y >= s * 8:
                return None
            r = x >> y
        return self.const(r, ltr, s)

    def pointer_arith(self, e: Any, op: str) -> Node:
        lt, rt = e.left.type, e.right.type
        if lt.is_pointer and rt.is_pointer:
            a = self.cv(self.expr(e.left), "I", 8)
            b = self.cv(self.expr(e.right), "I", 8)
            d = Node("SUBI8", (a, b))
            size = self.elem_size(lt)
            if size.op.operation == "CNST" and size.value == 1:
                return self.cv(d, *self.vletter(e.type))
            return self.cv(Node("DIVI8", (d, self.cv(size, "I", 8))), *self.vletter(e.type))
        if lt.is_pointer:
            p = self.expr(e.left)
            n = self.expr(e.right)
            pt = lt
        else:
            n = self.expr(e.left)
            p = self.expr(e.right)
            pt = rt
        return self.offset_pointer(p, n, pt, op == "-")

    def offset_pointer(self, p: Node, n: Node, pt: Any, sub: bool = False) -> Node:
        """p + n (or p - n) elements of pointer type pt."""
        if n.op.letter == "P":
            n = self.cv(n, "I", 8)
        if n.op.size != 8:
            n = self.cv(n, n.op.letter, 8)
        size = self.elem_size(pt)
        if not (size.op.operation == "CNST" and size.value == 1):
            size = self.cv(size, n.op.letter, 8)
            if n.op.operation == "CNST" and size.op.operation == "CNST":
                n = self.const(n.value * size.value, n.op.letter, 8)
            else:
                n = Node("MUL%s8" % n.op.letter, (n, size))
        if n.op.operation == "CNST" and n.value == 0:
            return p
        return Node("SUBP8" if sub else "ADDP8", (p, n))

    def elem_size(self, pt: Any) -> Node:
        """The size of what pointer type pt points to, as a U8 tree."""
        t = pt.target
        if t.is_void or t.is_func:
            return self.const(1, "U", 8)
        if has_variable_size(t):
            return self.type_size(t)
        return self.const(t.size() if t.is_complete else 1, "U", 8)

    def type_size(self, t: Any) -> Node:
        """sizeof t as a U8 tree (variable for VLA types and variably
        modified structs: lower_vm)."""
        if is_vm_record(t):
            from lcc.ir import lower_vm
            return lower_vm.record_size(self, t.info)
        if not (isinstance(t, ArrayType) and t.is_vla):
            return self.const(t.size(), "U", 8)
        tmp = self.vla_size.get(id(t))
        if tmp is not None:
            return self.read(tmp)
        if t.vla is not None:
            n = self.expr(t.vla)
            n = self.convert(n, t.vla.type, self.ts.ulong)
        else:
            n = self.const(t.length or 0, "U", 8)
        es = self.type_size(t.elem)
        if es.op.operation == "CNST" and es.value == 1:
            return n
        return Node("MULU8", (n, es))

    def bool_value(self, e: Any) -> Node:
        """0 or 1 (I4) from a condition."""
        c = self.fold_const(e)
        if c is not None:
            return c
        t = self.new_temp("I", 4)
        yes, no, done = self.new_label(), self.new_label(), self.new_label()
        self.cond(e, yes, no)
        self.start_block(yes)
        self.write(t, self.const(1, "I", 4))
        self.jump(done)
        self.start_block(no)
        self.write(t, self.const(0, "I", 4))
        self.start_block(done)
        return self.read(t)

    def x_Conditional(self, e: Any) -> Node:
        t = e.type
        if t.is_void:
            self.effect(e)
            return self.zero("I", 4)
        if is_memory_type(t):
            return self.addr(e)
        if e.then is not None:
            known = self.arm_choice(e)
            if known is not None:
                return self.expr(e.then if known else e.els)
        ltr, s = self.vletter(t)
        tmp = self.new_temp(ltr, s)
        yes, no, done = self.new_label(), self.new_label(), self.new_label()
        if e.then is None:
            c = self.stable(self.expr(e.cond))
            self.branch_value(c, yes, no)
            self.start_block(yes)
            self.write(tmp, self.convert(c if c.op.operation == "CNST" else self.clone(c),
                                         e.cond.type, t))
        else:
            self.cond(e.cond, yes, no)
            self.start_block(yes)
            self.write(tmp, self.expr(e.then))
        self.jump(done)
        self.start_block(no)
        self.write(tmp, self.expr(e.els))
        self.start_block(done)
        return self.read(tmp)

    def clone(self, t: Node) -> Node:
        return Node(t.op, tuple(self.clone(k) for k in t.kids), t.value)

    def x_StmtExpr(self, e: Any) -> Node:
        last = self.stmt_expr_body(e)
        if last is None or e.type.is_void:
            if last is not None:
                self.effect(last)
            return self.zero("I", 4)
        if is_memory_type(e.type):
            return self.addr_value(last)
        return self.expr(last)

    def x_Call(self, e: Any) -> Node:
        r = self.call_expr(e, True)
        if r is None:
            return self.zero("I", 4)
        return r

    def x_Assign(self, e: Any) -> Node:
        return self.assign(e, True)

    def x_InitList(self, e: Any) -> Node:
        raise CompileError(e.loc, "expected expression before '{' token")

    def builtin(self, e: Any) -> Node:
        try:
            r = _builtins().call(self, e)
        except NotImplementedError:
            raise CompileError(e.loc, "%s is not supported yet" % type(e).__name__)
        if r is None:
            return self.zero("I", 4)
        return r

    # --------------------------------------------------------- effects
    def effect(self, e: Any) -> None:
        """Evaluate e for its side effects only."""
        if e is None:
            return
        if isinstance(e, ast.Assign) and not is_wide(e.type):
            self.assign(e, False)
            return
        if isinstance(e, (ast.Postfix,)) or (isinstance(e, ast.Unary) and e.op in ("++", "--")):
            if not is_wide(e.type):
                self.incdec(e, e.op, False, False)
                return
        if isinstance(e, ast.Call):
            self.call_expr(e, False)
            return
        if isinstance(e, ast.Comma):
            self.effect(e.left)
            self.effect(e.right)
            return
        if isinstance(e, (ast.Cast, ast.ImplicitCast)) and (e.type.is_void or (
                isinstance(e, ast.ImplicitCast) and e.kind in ("qual", "void"))):
            self.effect(e.expr)
            return
        if isinstance(e, ast.Conditional) and e.then is not None and \
                self.arm_choice(e) is not None:
            self.effect(e.then if self.arm_choice(e) else e.els)
            return
        if isinstance(e, ast.Conditional) and e.then is not None:
            yes, no, done = self.new_label(), self.new_label(), self.new_label()
            self.cond(e.cond, yes, no)
            self.start_block(yes)
            self.effect(e.then)
            self.jump(done)
            self.start_block(no)
            self.effect(e.els)
            self.start_block(done)
            return
        if isinstance(e, ast.Binary) and e.op in ("&&", "||"):
            done = self.new_label()
            self.cond(e, done, done)
            self.start_block(done)
            return
        if isinstance(e, ast.StmtExpr):
            last = self.stmt_expr_body(e)
            self.effect(last)
            return
        if e.type.is_void and not isinstance(e, ast.Conditional):
            if isinstance(e, (ast.VaArg, ast.BuiltinTypeArg)):
                self.expr(e)
                return
            if isinstance(e, ast.Unary) and e.op == "*":
                # `*pv` with pv a `void *` (GNU C accepts it): no access,
                # as in gcc; only the pointer's side effects remain.
                self.effect(e.operand)
                return
        saved = self._volatile
        self._volatile = False
        try:
            if is_memory_type(e.type) and not is_wide(e.type):
                self.aggregate_effect(e)
                return
            t = self.expr(e)
            if self._volatile and t.op.operation not in ("CNST", "ADDRL", "ADDRG"):
                self.emit(t)
        finally:
            self._volatile = saved

    def aggregate_effect(self, e: Any) -> None:
        """An aggregate-valued expression statement (`*p;`, `s;`,
        `(struct d){};`): the address computation's side effects only;
        a volatile object is read, as gcc reads it."""
        if not (isinstance(e, _LVALUES) or (isinstance(e, ast.Unary) and e.op == "*")):
            self.addr_value(e)
            return
        from lcc.sema.types import VOLATILE
        a = self.addr(e)
        t = e.type
        if t.quals & VOLATILE and not isinstance(t, ArrayType) and t.size() > 0:
            tmp = self.new_mem(t.size(), max(t.align(), 1))
            self.copy_block(Node("ADDRLP8", (), tmp), a, t.size())

    # -------------------------------------------------------- branches
    def cond(self, e: Any, t: str, f: str) -> None:
        """Jump to t when e is nonzero, else to f."""
        while isinstance(e, ast.ImplicitCast) and e.kind in ("bool", "qual"):
            e = e.expr
        if not isinstance(e, (ast.Binary, ast.Unary, ast.Comma)):
            c = self.fold_const(e) if not isinstance(e, ast.Call) else None
            if c is not None and c.op.operation == "CNST":
                self.jump(t if c.value else f)
                return
        if is_wide(e.type) or self.wide_operands(e):
            _wide().cond(self, e, t, f)
            return
        if isinstance(e, ast.Unary) and e.op == "!":
            self.cond(e.operand, f, t)
            return
        if isinstance(e, ast.Comma):
            self.effect(e.left)
            self.cond(e.right, t, f)
            return
        if isinstance(e, ast.Binary):
            if e.op in ("&&", "||"):
                known = self.const_truth(e.left)
                if known == (e.op == "||") and _has_labels(e.right):
                    known = None        # kept (unreachable) for its label
                if known is not None:
                    # `0 && x`, `1 || x`: x is never evaluated (nor emitted).
                    if known == (e.op == "||"):
                        self.jump(t if known else f)
                    else:
                        self.cond(e.right, t, f)
                    return
            if e.op == "&&":
                mid = self.new_label()
                self.cond(e.left, mid, f)
                self.start_block(mid)
                self.cond(e.right, t, f)
                return
            if e.op == "||":
                mid = self.new_label()
                self.cond(e.left, t, mid)
                self.start_block(mid)
                self.cond(e.right, t, f)
                return
            if e.op in _CMP:
                c = self.fold_const(e)
                if c is not None:
                    self.jump(t if c.value else f)
                    return
                a = self.expr(e.left)
                b = self.expr(e.right)
                a, b = self.compare_operands(a, b)
                self.emit(Node("%s%s%d" % (_CMP[e.op], a.op.letter, a.op.size), (a, b), t))
                self.jump(f)
                return
        self.branch_value(self.expr(e), t, f)

    def arm_choice(self, e: Any) -> Optional[bool]:
        """The truth of conditional e's constant condition when the arm it
        rules out can be dropped: not when that arm holds a label (a
        computed goto may jump into it: `1 ? 1 : ({ a: 1; })`)."""
        known = self.const_truth(e.cond)
        if known is None or _has_labels(e.els if known else e.then):
            return None
        return known

    def const_truth(self, e: Any) -> Optional[bool]:
        """The truth of e when it is an arithmetic constant, else None."""
        if not (e.type.is_arith and not is_wide(e.type)):
            return None
        v = self.analyzer.fold(e)
        if v is None:
            return None
        return bool(v)

    def branch_value(self, v: Node, t: str, f: str) -> None:
        if v.op.operation == "CNST":
            self.jump(t if v.value else f)
            return
        ltr, s = v.op.letter, v.op.size
        self.emit(Node("NE%s%d" % (ltr, s), (v, self.zero(ltr, s)), t))
        self.jump(f)

    def compare_operands(self, a: Node, b: Node) -> Any:
        """Bring two compared value trees to one IR type (pointers against
        integers: the integer becomes a pointer)."""
        if a.op.letter == "P" and b.op.letter != "P":
            b = self.cv(self.cv(b, b.op.letter, 8) if b.op.size != 8 else b, "P", 8)
        elif b.op.letter == "P" and a.op.letter != "P":
            a = self.cv(self.cv(a, a.op.letter, 8) if a.op.size != 8 else a, "P", 8)
        return a, b
