"""Lowering lvalues: loads of lvalues (bit-fields included) and address
trees of objects, temporaries holding aggregate values, compound literals,
string literals, members and elements."""
from __future__ import annotations

from typing import Any, TYPE_CHECKING

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir.lower_expr import _builtins, _wide
from lcc.ir.lower_types import is_memory_type, is_wide
from lcc.ir.tree import Node
from lcc.sema.types import VOLATILE, ArrayType, FloatType, PointerType, RecordType


if TYPE_CHECKING:
    # The mixins are parts of the Lowerer (lower.py): their attributes come
    # from the others, so mypy sees them as Any.
    from typing import Any as _Base
else:
    _Base = object


class AddrMixin(_Base):
    """Part of the Lowerer."""

    # -------------------------------------------------------- lvalues
    def load_lvalue(self, e: Any) -> Node:
        """The value of lvalue e (bit-fields extracted)."""
        if e.type.quals & VOLATILE:
            self._volatile = True
        bf = self.bitfield(e)
        if bf is not None:
            return self.bitfield_load(e, bf)
        if is_memory_type(e.type) and not isinstance(e.type, ArrayType):
            raise CompileError(e.loc, "aggregate value used as a scalar (internal)")
        return self.load(self.addr(e), e.type)

    def addr(self, e: Any) -> Node:
        """The address tree of lvalue e, or of a temporary holding the value
        of an aggregate-valued expression."""
        m = getattr(self, "a_" + type(e).__name__, None)
        if m is not None:
            return m(e)
        return self.addr_value(e)

    def addr_value(self, e: Any) -> Node:
        """The address of a temporary holding the value of e."""
        t = e.type
        if isinstance(e, ast.Call):
            tmp = self.new_mem(t.size(), t.align())
            self.call_expr(e, False, Node("ADDRLP8", (), tmp))
            return Node("ADDRLP8", (), tmp)
        if isinstance(e, ast.Assign):
            return self.assign(e, True)
        if isinstance(e, ast.Conditional):
            return self.cond_addr(e)
        if isinstance(e, ast.Comma):
            self.effect(e.left)
            return self.addr(e.right)
        if isinstance(e, ast.StmtExpr):
            last = self.stmt_expr_body(e)
            return self.addr(last)
        if isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "qual"):
            bf = self.bitfield(e.expr) if e.kind == "lvalue" else None
            if bf is not None:      # the value of an __int128 bit-field
                return self.bitfield_load(e.expr, bf)
            return self.addr(e.expr)
        if isinstance(e, ast.ImplicitCast) and e.kind == "transparent-union":
            return self.union_from(e.expr, t)
        if isinstance(e, ast.Cast) and not is_wide(t):
            # (casts to __int128/_Complex convert: lower_wide below)
            if isinstance(t, RecordType) and not e.expr.type.is_record:
                return self.union_from(e.expr, t)
            return self.addr(e.expr)
        if is_wide(t):
            r = _wide().expr(self, e)
            if r is None:
                raise CompileError(e.loc, "void value not ignored as it ought to be")
            return r
        if isinstance(e, ast.VaArg):
            r = _builtins().va_arg(self, e)
            return r
        if isinstance(e, ast.Call) or is_memory_type(t):
            if isinstance(e, ast.BuiltinTypeArg):
                return self.builtin(e)
            raise CompileError(e.loc, "%s of type '%s' is not supported yet"
                               % (type(e).__name__, t))
        # A scalar value in memory (asm "m" inputs of rvalues).
        v = self.expr(e)
        tmp = self.new_mem(max(t.size(), 1), max(t.align(), 1))
        self.emit(self.store(Node("ADDRLP8", (), tmp), v, t))
        return Node("ADDRLP8", (), tmp)

    def union_from(self, e: Any, ut: Any) -> Node:
        """A union temporary whose first bytes hold the value of e (GNU cast
        to union, transparent unions)."""
        tmp = self.new_mem(ut.size(), ut.align())
        a = Node("ADDRLP8", (), tmp)
        if is_memory_type(e.type):
            self.copy_block(a, self.addr(e), e.type.size())
        else:
            self.emit(self.store(a, self.expr(e), e.type))
        return Node("ADDRLP8", (), tmp)

    def cond_addr(self, e: Any) -> Node:
        tmp = self.new_temp("P", 8)
        yes, no, done = self.new_label(), self.new_label(), self.new_label()
        if e.then is None:
            raise CompileError(e.loc, "'?:' without a middle operand on aggregates "
                                      "is not supported yet")
        self.cond(e.cond, yes, no)
        self.start_block(yes)
        self.write(tmp, self.addr(e.then))
        self.jump(done)
        self.start_block(no)
        self.write(tmp, self.addr(e.els))
        self.start_block(done)
        return self.read(tmp)

    def a_Ident(self, e: Any) -> Node:
        s = e.symbol
        if s is None:
            raise CompileError(e.loc, "'%s' undeclared (internal)" % e.name)
        if s.kind == "func" or s.has_static_storage or s.linkage != "none":
            return self.global_addr(s)
        if self.captures:
            c = self.captured_addr(s)
            if c is not None:
                return c
        vp = self.vla_ptr.get(id(s))
        if vp is not None:
            return self.read(vp)
        return Node("ADDRLP8", (), self.local_for(s))

    def global_addr(self, s: Any) -> Node:
        from lcc.ir import data
        if s.kind == "func" and s.linkage == "none":
            return Node("ADDRGP8", (), self.nested_name(s))
        name = data.asm_name(self.module, s)
        if s.kind == "var" and s.thread_local:
            self.module.tls.add(name)
        if s.kind == "var" and getattr(s, "is_local_static", False) and s.scope_depth > 0 \
                and s.linkage == "none":
            self.define_static_local(s)
        return Node("ADDRGP8", (), name)

    def a_StringLit(self, e: Any) -> Node:
        from lcc.ir import data
        return Node("ADDRGP8", (), data.string_literal(self.module, e))

    def a_CompoundLiteral(self, e: Any) -> Node:
        sym = self.analyzer.literal_symbols.get(e)
        if sym is None or sym.storage == "static":
            from lcc.ir import data
            return Node("ADDRGP8", (), data.compound_literal(self.module, e, self.analyzer))
        t = sym.type
        name = self.syms.get(id(sym))
        if name is None:
            name = self.new_mem(t.size(), max(t.align(), 16 if t.size() >= 16 and
                                              isinstance(t, ArrayType) else 1))
            self.syms[id(sym)] = name
            self.keep.append(sym)
        self.init_object(Node("ADDRLP8", (), name), t, sym.init or [])
        return Node("ADDRLP8", (), name)

    def a_Unary(self, e: Any) -> Node:
        if e.op == "*":
            return self.expr(e.operand)
        if e.op in ("__real__", "__imag__"):
            ot = e.operand.type
            base = self.addr(e.operand)
            if e.op == "__imag__" and isinstance(ot, FloatType) and ot.complex:
                return Node("ADDP8", (base, self.const(ot.size() // 2, "I", 8)))
            return base
        if e.op == "__extension__":
            return self.addr(e.operand)
        return self.addr_value(e)

    def a_Index(self, e: Any) -> Node:
        base = e.base
        if base.type.is_vector:
            a = self.addr(base)
            return self.offset_pointer(a, self.expr(e.index), PointerType(base.type.elem))
        return self.offset_pointer(self.expr(base), self.expr(e.index), base.type)

    def a_Member(self, e: Any) -> Node:
        base = self.expr(e.base) if e.arrow else self.addr(e.base)
        bt = e.base.type.target if e.arrow else e.base.type
        found = bt.info.find(e.name)
        if found is None:
            raise CompileError(e.loc, "no member named '%s' (internal)" % e.name)
        if bt.info.is_vm:
            from lcc.ir import lower_vm
            return lower_vm.member_addr(self, base, bt.info, found[0])
        if bt.info.is_vm:
            from lcc.ir import lower_vm
            return lower_vm.member_addr(self, base, bt.info, found[0])
        off = found[1]
        if off == 0:
            return base
        return Node("ADDP8", (base, self.const(off, "I", 8)))
