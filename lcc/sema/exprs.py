"""Expressions, part 1 (C11 6.5.1-6.5.3, 6.5.5-6.5.17): literals,
identifiers, unary and binary operators, assignment, conditional, comma,
and the implicit conversions they imply (made explicit as ImplicitCast)."""
from __future__ import annotations

from typing import Any, Optional

from lcc import ast
from lcc.sema.scope import Symbol
from lcc.sema.typerules import compatible, composite, promote, promote_bitfield, usual_arith
from lcc.sema.types import (
    ArrayType, FloatType, FuncType, IntType, PointerType, RecordType, Type, VectorType,
    CONST,
)

_CMP = ("<", ">", "<=", ">=")
_EQ = ("==", "!=")


def ic(kind: str, e: ast.Expr, t: Type) -> ast.ImplicitCast:
    n = ast.ImplicitCast(e.loc, kind, e)
    n.type = t
    return n


class ExprMixin:
    """Part of the Analyzer (see core.py)."""

    # -------------------------------------------------------------- helpers
    def expr(self, e: Any) -> Any:
        if e is None:
            return None
        if getattr(e, "type", None) is not None and not isinstance(e, ast.InitList):
            return e   # already analysed (shared subtrees)
        m = self._expr_methods.get(type(e))  # type: ignore[attr-defined]
        if m is None:
            m = getattr(self, "e_" + type(e).__name__, None)
            if m is None:
                self.error(e.loc, f"unsupported expression {type(e).__name__}")  # type: ignore
                e.type = self.ts.int_  # type: ignore[attr-defined]
                return e
            self._expr_methods[type(e)] = m  # type: ignore[attr-defined]
        r = m(e)
        return r

    def rvalue(self, e: Any) -> Any:
        """Lvalue conversion, array-to-pointer and function-to-pointer decay
        (6.3.2.1)."""
        t = e.type
        if t.is_void:
            return e
        if isinstance(t, ArrayType):
            return ic("array", e, PointerType(t.elem))
        if isinstance(t, FuncType):
            return ic("function", e, PointerType(t))
        if self.is_lvalue(e):
            return ic("lvalue", e, t.unqual())
        if t.quals:
            e.type = t.unqual()
        return e

    def value(self, e: Any) -> Any:
        return self.rvalue(self.expr(e))

    def convert(self, e: Any, t: Type, kind: Optional[str] = None) -> Any:
        """Wrap e in a conversion to t when the types differ."""
        src = e.type
        if src is t or (compatible(src, t, quals=False) and not src.is_array):
            if src.quals != t.quals and not t.is_array:
                return ic("qual", e, t.unqual()) if src.quals else e
            return e
        if kind is None:
            if t.is_void:
                kind = "void"
            elif t.is_integer and t.kind == "_Bool":  # type: ignore[attr-defined]
                kind = "bool"
            elif t.is_integer and src.is_integer:
                kind = "integral"
            elif t.is_float and src.is_float:
                kind = "float"
            elif t.is_float and src.is_integer:
                kind = "int-float"
            elif t.is_integer and src.is_float:
                kind = "float-int"
            elif t.is_pointer and src.is_pointer:
                kind = "pointer"
            elif t.is_pointer:
                kind = "int-pointer"
            elif src.is_pointer:
                kind = "pointer-int"
            else:
                kind = "bitcast"
        return ic(kind, e, t.unqual())

    def is_lvalue(self, e: Any) -> bool:
        if isinstance(e, ast.Ident):
            return e.symbol is not None and e.symbol.kind == "var"
        if isinstance(e, ast.Unary):
            return e.op == "*" or (e.op in ("__real__", "__imag__") and self.is_lvalue(e.operand))
        if isinstance(e, (ast.Index, ast.CompoundLiteral, ast.StringLit)):
            return True
        if isinstance(e, ast.Member):
            return bool(e.arrow) or self.is_lvalue(e.base)
        return False

    def bitfield_width(self, e: Any) -> Optional[int]:
        """The width when e designates a bit-field member, else None."""
        if isinstance(e, ast.ImplicitCast) and e.kind == "lvalue":
            e = e.expr
        if isinstance(e, ast.Member):
            bt = e.base.type
            if e.arrow and isinstance(bt, PointerType):
                bt = bt.target
            if isinstance(bt, RecordType):
                found = bt.info.find(e.name)
                if found is not None:
                    return found[0][-1].bit_width
        return None

    def promoted(self, e: Any) -> Any:
        """Integer promotions on an rvalue (bit-fields by their width)."""
        t = e.type
        if isinstance(t, IntType):
            w = self.bitfield_width(e)
            nt = promote_bitfield(self.ts, t, w) if w is not None \
                else promote(self.ts, t)  # type: ignore[attr-defined]
            if nt is not t and not (nt.kind == t.kind and type(nt) is type(t)):  # type: ignore
                return ic("integral", e, nt)
        return e

    def desc(self, e: Any) -> str:
        return f"'{e.type}'"

    # ----------------------------------------------------------- identifiers
    def e_Ident(self, e: ast.Ident) -> Any:
        sym = self.scope.lookup(e.name)  # type: ignore[attr-defined]
        if sym is None:
            sym = self.builtin_symbol(e.name)  # type: ignore[attr-defined]
        if sym is None and e.name in ("__func__", "__FUNCTION__", "__PRETTY_FUNCTION__"):
            fname = self.func_name or ""  # type: ignore[attr-defined]
            s = ast.StringLit(e.loc, ['"' + fname + '"'])
            self.e_StringLit(s)
            s.type = ArrayType(self.ts.char.qualified(CONST), len(fname) + 1)  # type: ignore
            return s
        if sym is None:
            if self.func_name is not None:  # type: ignore[attr-defined]
                self.error(e.loc, f"'{e.name}' undeclared (first use in this function)")  # type: ignore
            else:
                self.error(e.loc, f"'{e.name}' undeclared here (not in a function)")  # type: ignore
            sym = Symbol(e.name, "var", self.ts.int_, e.loc)  # type: ignore[attr-defined]
            sym.linkage = "none"
            sym.scope_depth = self.scope.depth  # type: ignore[attr-defined]
            self.scope.names[e.name] = sym  # type: ignore[attr-defined]
        if sym.kind == "typedef":
            self.error(e.loc, f"expected expression before '{e.name}'")  # type: ignore
            sym = Symbol(e.name, "var", self.ts.int_, e.loc)  # type: ignore[attr-defined]
        sym.used = True
        if sym.linkage == "internal" and sym.scope_depth == 0 and \
                self.func_name is not None and sym.name != self.func_name and \
                self.in_inline_definition():  # type: ignore[attr-defined]
            self.pedwarn(e.loc, f"'{sym.name}' is static but used in inline function "  # type: ignore
                                f"'{self.func_name}' which is not static")  # type: ignore
        e.symbol = sym
        e.type = sym.type
        if sym.kind == "enumconst":
            e.type = sym.type
        return e

    # ---------------------------------------------------------------- unary
    def e_Unary(self, e: ast.Unary) -> Any:
        op = e.op
        ts = self.ts  # type: ignore[attr-defined]
        if op == "__extension__":
            return self.expr(e.operand)
        if op == "&":
            x = self.expr(e.operand)
            e.operand = x
            if isinstance(x, ast.Ident) and x.symbol is not None and x.symbol.kind == "var" \
                    and x.symbol.storage == "register":
                self.error(e.loc, f"address of register variable '{x.name}' requested")  # type: ignore
            if self.bitfield_width(x) is not None:
                self.error(e.loc, "cannot take address of bit-field "  # type: ignore
                                  f"'{x.name}'")
            elif not (self.is_lvalue(x) or x.type.is_func):
                self.error(e.loc, "lvalue required as unary '&' operand")  # type: ignore
            e.type = PointerType(x.type)
            return e
        if op in ("++", "--"):
            x = self.expr(e.operand)
            e.operand = x
            self.check_modifiable(x, "increment" if op == "++" else "decrement")
            if not (x.type.is_arith or x.type.is_pointer):
                self.error(e.loc, "wrong type argument to "  # type: ignore
                           + ("increment" if op == "++" else "decrement"))
            e.type = x.type.unqual()
            return e
        x = self.value(e.operand)
        t = x.type
        if op == "*":
            e.operand = x
            if not isinstance(t, PointerType):
                self.error(e.loc, f"invalid type argument of unary '*' (have '{t}')")  # type: ignore
                e.type = ts.int_
                return e
            e.type = t.target
            if t.target.is_void:
                e.type = ts.void
            return e
        if op in ("+", "-"):
            if not (t.is_arith or t.is_vector):
                self.error(e.loc, "wrong type argument to unary "  # type: ignore
                           + ("plus" if op == "+" else "minus"))
                x.type = ts.int_
            x = self.promoted(x)
            e.operand, e.type = x, x.type
            return e
        if op == "~":
            if not (t.is_integer or t.is_vector or (isinstance(t, FloatType) and t.complex)):
                self.error(e.loc, "wrong type argument to bit-complement")  # type: ignore
                x.type = ts.int_
            x = self.promoted(x)
            e.operand, e.type = x, x.type
            return e
        if op == "!":
            if not t.is_scalar:
                self.error(e.loc, "wrong type argument to unary exclamation mark")  # type: ignore
            e.operand, e.type = x, ts.int_
            return e
        if op in ("__real__", "__imag__"):
            x = self.expr(e.operand)
            e.operand = x
            t = x.type
            if isinstance(t, FloatType) and t.complex:
                e.type = FloatType(t.kind).qualified(t.quals)
            else:
                if not t.is_arith:
                    self.error(e.loc, f"wrong type argument to {op}")  # type: ignore
                e.operand = self.rvalue(x)
                e.type = e.operand.type
            return e
        self.error(e.loc, f"unknown unary operator '{op}'")  # type: ignore
        e.type = ts.int_
        return e

    def e_Postfix(self, e: ast.Postfix) -> Any:
        x = self.expr(e.operand)
        e.operand = x
        self.check_modifiable(x, "increment" if e.op == "++" else "decrement")
        if not (x.type.is_arith or x.type.is_pointer):
            self.error(e.loc, "wrong type argument to "  # type: ignore
                       + ("increment" if e.op == "++" else "decrement"))
        e.type = x.type.unqual()
        return e

    def check_modifiable(self, x: Any, what: str) -> bool:
        t = x.type
        if not self.is_lvalue(x):
            self.error(x.loc, f"lvalue required as {what} operand"  # type: ignore
                       if what in ("increment", "decrement") else
                       "lvalue required as left operand of assignment")
            return False
        if t.is_array:
            self.error(x.loc, "assignment to expression with array type")  # type: ignore
            return False
        if t.quals & CONST or (isinstance(t, RecordType) and t.info.has_const):
            verb = {"increment": "increment", "decrement": "decrement"}.get(what, "assignment")
            if isinstance(x, ast.Ident):
                self.error(x.loc, f"{verb} of read-only variable '{x.name}'")  # type: ignore
            elif isinstance(x, ast.Member):
                self.error(x.loc, f"{verb} of read-only member '{x.name}'")  # type: ignore
            else:
                self.error(x.loc, f"{verb} of read-only location")  # type: ignore
            return False
        if not t.is_complete and not t.is_void:
            self.error(x.loc, "invalid use of undefined type " + self.desc(x))  # type: ignore
            return False
        return True

    # --------------------------------------------------------------- binary
    def e_Binary(self, e: ast.Binary) -> Any:
        op = e.op
        left = self.value(e.left)
        right = self.value(e.right)
        return self.binary(e, op, left, right)

    def invalid_operands(self, loc: Any, op: str, a: Any, b: Any) -> None:
        self.error(loc, f"invalid operands to binary {op} (have '{a.type}' and "  # type: ignore
                        f"'{b.type}')")

    def binary(self, e: Any, op: str, left: Any, right: Any) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        lt, rt = left.type, right.type
        e.left, e.right = left, right
        if op in ("&&", "||"):
            if not lt.is_scalar or not rt.is_scalar:
                if not (lt.is_vector or rt.is_vector):
                    self.invalid_operands(e.loc, op, left, right)
            e.type = ts.int_
            return e
        if lt.is_vector or rt.is_vector:
            vt = lt if lt.is_vector else rt
            if op in _CMP + _EQ:
                e.type = VectorType(ts.int_of_size(vt.elem.size(), True), vt.size())  # type: ignore
            else:
                e.type = vt.unqual()
            return e
        if op in ("*", "/") or (op in ("+", "-") and lt.is_arith and rt.is_arith):
            if not (lt.is_arith and rt.is_arith):
                self.invalid_operands(e.loc, op, left, right)
                e.type = ts.int_
                return e
            return self.arith(e, left, right)
        if op in ("%", "&", "|", "^"):
            if not (lt.is_integer and rt.is_integer):
                self.invalid_operands(e.loc, op, left, right)
                e.type = ts.int_
                return e
            return self.arith(e, left, right)
        if op in ("<<", ">>"):
            if not (lt.is_integer and rt.is_integer):
                self.invalid_operands(e.loc, op, left, right)
                e.type = ts.int_
                return e
            e.left = self.promoted(left)
            e.right = self.promoted(right)
            e.type = e.left.type
            return e
        if op == "+":
            if lt.is_pointer and rt.is_integer:
                self.check_ptr_arith(e.loc, lt)
                e.type = lt
                return e
            if lt.is_integer and rt.is_pointer:
                self.check_ptr_arith(e.loc, rt)
                e.type = rt
                return e
            self.invalid_operands(e.loc, op, left, right)
            e.type = ts.int_
            return e
        if op == "-":
            if lt.is_pointer and rt.is_integer:
                self.check_ptr_arith(e.loc, lt)
                e.type = lt
                return e
            if lt.is_pointer and rt.is_pointer:
                if not compatible(lt.target.unqual(), rt.target.unqual()):
                    self.error(e.loc, "invalid operands to binary - (have "  # type: ignore
                                      f"'{lt}' and '{rt}')")
                self.check_ptr_arith(e.loc, lt)
                e.type = ts.ptrdiff_t
                return e
            self.invalid_operands(e.loc, op, left, right)
            e.type = ts.int_
            return e
        if op in _CMP or op in _EQ:
            e.type = ts.int_
            if lt.is_arith and rt.is_arith:
                if op in _CMP and ((isinstance(lt, FloatType) and lt.complex)
                                   or (isinstance(rt, FloatType) and rt.complex)):
                    self.invalid_operands(e.loc, op, left, right)
                    return e
                left, right = self.promoted(left), self.promoted(right)
                t = usual_arith(ts, left.type, right.type)
                e.left, e.right = self.to_common(left, t), self.to_common(right, t)
                return e
            if lt.is_pointer and rt.is_pointer:
                a, b = lt.target, rt.target
                if not (compatible(a.unqual(), b.unqual()) or
                        (op in _EQ and (a.is_void or b.is_void))):
                    self.pedwarn(e.loc, "comparison of distinct pointer types lacks a cast")  # type: ignore
                return e
            if lt.is_pointer and rt.is_integer or lt.is_integer and rt.is_pointer:
                ival = right if rt.is_integer else left
                if not (op in _EQ and self.fold(ival) == 0):  # type: ignore[attr-defined]
                    self.pedwarn(e.loc, "comparison between pointer and integer")  # type: ignore
                return e
            self.invalid_operands(e.loc, op, left, right)
            return e
        self.error(e.loc, f"unknown binary operator '{op}'")  # type: ignore
        e.type = ts.int_
        return e

    def to_common(self, e: Any, t: Type) -> Any:
        w = self.promoted(e)
        if w.type is t or (compatible(w.type, t, quals=False) and type(w.type) is type(t)):
            return w
        return self.convert(w, t)

    def arith(self, e: Any, left: Any, right: Any) -> Any:
        left, right = self.promoted(left), self.promoted(right)
        t = usual_arith(self.ts, left.type, right.type)  # type: ignore[attr-defined]
        e.left = self.to_common(left, t)
        e.right = self.to_common(right, t)
        e.type = t
        return e

    def check_ptr_arith(self, loc: Any, pt: Type) -> None:
        tgt = pt.target  # type: ignore[attr-defined]
        if tgt.is_void:
            self.pedantic(loc, "pointer of type 'void *' used in arithmetic")  # type: ignore
        elif tgt.is_func:
            self.pedantic(loc, "pointer to a function used in arithmetic")  # type: ignore
        if not tgt.is_complete and not tgt.is_void and not tgt.is_func:
            self.error(loc, f"invalid use of undefined type '{tgt}'"  # type: ignore
                       if tgt.is_record else "arithmetic on pointer to an incomplete type")

    # ----------------------------------------------------------- assignment
    def e_Assign(self, e: ast.Assign) -> Any:
        target = self.expr(e.target)
        e.target = target
        val = self.value(e.value)
        ok = self.check_modifiable(target, "assignment")
        tt = target.type
        if e.op == "=":
            e.value = self.assign_convert(val, tt, e.loc, "assignment") if ok else val
            e.type = tt.unqual()
            return e
        op = e.op[:-1]
        if op in ("+", "-") and tt.is_pointer:
            if not val.type.is_integer:
                self.invalid_operands(e.loc, op, target, val)
            e.value = val
            e.type = tt.unqual()
            return e
        lhs_val = self.rvalue(target)
        probe = ast.Binary(e.loc, op, lhs_val, val)
        self.binary(probe, op, lhs_val, val)
        e.value = probe.right
        e.type = tt.unqual()
        return e

    def assign_convert(self, val: Any, t: Type, loc: Any, what: str,
                       argno: Optional[int] = None) -> Any:
        """The constraints of simple assignment (6.5.16.1), shared by
        initialization, argument passing and return."""
        st = val.type
        tu = t.unqual()
        if t.is_arith and st.is_arith or t.is_vector and st.is_vector:
            return self.convert(val, tu)
        if t.is_vector and st.is_arith:
            return self.convert(val, tu)
        if isinstance(t, RecordType):
            if isinstance(st, RecordType) and st.info is t.info:
                return val
            if t.info.transparent and t.is_union:
                return self.convert(val, tu, "transparent-union")
            self.incompatible(loc, what, t, st, argno)
            return val
        if t.is_pointer:
            if st.is_pointer:
                a, b = t.target, st.target  # type: ignore[attr-defined]
                if (a.is_void and b.is_func) or (b.is_void and a.is_func):
                    self.pedantic(loc, f"ISO C forbids {what} between function pointer and "  # type: ignore
                                       "'void *'")
                elif not (a.is_void or b.is_void or compatible(a.unqual(), b.unqual())):
                    self.pedwarn(loc, f"incompatible pointer types in {what}")  # type: ignore
                elif (b.quals & ~a.quals) & 7:
                    self.pedwarn(loc, f"{what} discards qualifiers from pointer target type")  # type: ignore
                return self.convert(val, tu)
            if st.is_integer:
                if self.fold(val) != 0:  # type: ignore[attr-defined]
                    self.pedwarn(loc, f"{what} makes pointer from integer without a cast")  # type: ignore
                return self.convert(val, tu)
            self.incompatible(loc, what, t, st, argno)
            return val
        if t.is_integer and st.is_pointer:
            if tu.kind != "_Bool":  # type: ignore[attr-defined]
                self.pedwarn(loc, f"{what} makes integer from pointer without a cast")  # type: ignore
            return self.convert(val, tu)
        self.incompatible(loc, what, t, st, argno)
        return val

    def incompatible(self, loc: Any, what: str, t: Type, st: Type,
                     argno: Optional[int]) -> None:
        if what == "assignment":
            msg = f"incompatible types when assigning to type '{t}' from type '{st}'"
        elif what == "initialization":
            msg = f"incompatible types when initializing type '{t}' using type '{st}'"
        elif what == "return":
            msg = f"incompatible types when returning type '{st}' but '{t}' was expected"
        else:
            msg = f"incompatible type for argument {argno} of '{what}'"
        self.error(loc, msg)  # type: ignore[attr-defined]

    # ------------------------------------------------ conditional and comma
    def e_Conditional(self, e: ast.Conditional) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        cond = self.value(e.cond)
        if not cond.type.is_scalar and not cond.type.is_vector:
            self.error(e.loc, "used struct type value where scalar is required"  # type: ignore
                       if cond.type.is_record else "invalid use of void expression")
        e.cond = cond
        a = cond if e.then is None else self.value(e.then)
        b = self.value(e.els)
        at, bt = a.type, b.type
        if at.is_arith and bt.is_arith:
            a, b = self.promoted(a), self.promoted(b)
            t = usual_arith(ts, a.type, b.type)
            a, b = self.to_common(a, t), self.to_common(b, t)
        elif at.is_vector or bt.is_vector:
            t = at if at.is_vector else bt
        elif at.is_record and bt.is_record and at.info is bt.info:  # type: ignore
            t = at.unqual()
        elif at.is_void or bt.is_void:
            t = ts.void
        elif at.is_pointer and bt.is_pointer:
            pa, pb = at.target, bt.target  # type: ignore[attr-defined]
            q = pa.quals | pb.quals
            if self.is_npc(b):
                t = at
            elif self.is_npc(a):
                t = bt
            elif pa.is_void or pb.is_void:
                t = PointerType(ts.void.qualified(q))
            elif compatible(pa.unqual(), pb.unqual()):
                t = PointerType(composite(pa.unqual(), pb.unqual()).qualified(q))
            else:
                self.pedwarn(e.loc, "pointer type mismatch in conditional expression")  # type: ignore
                t = PointerType(ts.void)
            a, b = self.convert(a, t), self.convert(b, t)
        elif at.is_pointer and bt.is_integer or at.is_integer and bt.is_pointer:
            t = at if at.is_pointer else bt
            if not self.is_npc(b if at.is_pointer else a):
                self.pedwarn(e.loc, "pointer/integer type mismatch in conditional "  # type: ignore
                                    "expression")
            a, b = self.convert(a, t), self.convert(b, t)
        else:
            self.error(e.loc, "type mismatch in conditional expression")  # type: ignore
            t = at
        if e.then is not None:
            e.then = a
        e.els = b
        e.type = t
        return e

    def is_npc(self, e: Any) -> bool:
        """A null pointer constant (6.3.2.3p3)."""
        while isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue",):
            e = e.expr
        t = e.type
        if t.is_integer:
            return self.fold(e) == 0  # type: ignore[attr-defined]
        if isinstance(t, PointerType) and t.target.is_void and t.target.quals == 0 \
                and isinstance(e, (ast.Cast, ast.ImplicitCast)):
            return e.expr.type.is_integer and self.fold(e.expr) == 0  # type: ignore
        return False

    def e_Comma(self, e: ast.Comma) -> Any:
        x = self.expr(e.left)
        e.left = x if x.type.is_void else self.rvalue(x)
        e.right = self.value(e.right)
        e.type = e.right.type
        return e
