"""Expressions, part 2: postfix operators (calls, subscripts, members),
casts, sizeof/_Alignof, compound literals, _Generic, statement
expressions and the GNU expression forms with their own AST nodes."""
from __future__ import annotations

from typing import Any, List

from lcc import ast
from lcc.sema.exprs import ic
from lcc.sema.scope import Symbol
from lcc.sema.typerules import compatible, default_arg_promote
from lcc.sema.types import (
    ArrayType, FuncType, PointerType, RecordType, VectorType, has_variable_size,
)


class PostfixMixin:
    """Part of the Analyzer (see core.py)."""

    # ----------------------------------------------------------------- call
    def e_Call(self, e: ast.Call) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        f = e.func
        if isinstance(f, ast.Ident) and self.scope.lookup(f.name) is None:  # type: ignore
            special = self.builtin_call(e)  # type: ignore[attr-defined]
            if special is not None:
                return special
            if self.builtin_symbol(f.name) is None:  # type: ignore[attr-defined]
                self.implicit_decl(f)
        elif isinstance(f, ast.Ident):
            special = self.builtin_call(e)  # type: ignore[attr-defined]
            if special is not None:
                return special
        fn = self.value(f)  # type: ignore[attr-defined]
        e.func = fn
        ft = fn.type
        if isinstance(ft, PointerType) and isinstance(ft.target, FuncType):
            ft = ft.target
        else:
            self.error(e.loc, "called object is not a function or function pointer")  # type: ignore
            e.args = [self.value(a) for a in e.args or []]  # type: ignore[attr-defined]
            e.type = ts.int_
            return e
        name = f.name if isinstance(f, ast.Ident) else None
        args = [self.value(a) for a in e.args or []]  # type: ignore[attr-defined]
        params = ft.params
        if params is not None:
            if len(args) < len(params):
                self.error(e.loc, f"too few arguments to function '{name}'"  # type: ignore
                           if name else "too few arguments to function")
            elif len(args) > len(params) and not ft.variadic:
                self.error(e.loc, f"too many arguments to function '{name}'"  # type: ignore
                           if name else "too many arguments to function")
        out: List[Any] = []
        for i, a in enumerate(args):
            if a.type.is_void:
                self.error(a.loc, "invalid use of void expression")  # type: ignore
                out.append(a)
                continue
            if params is not None and i < len(params):
                out.append(self.assign_convert(a, params[i], a.loc,  # type: ignore
                                               name or "function", i + 1))
            else:
                if not a.type.is_complete and not a.type.is_void:
                    self.error(a.loc, f"type of formal parameter {i + 1} is incomplete")  # type: ignore
                out.append(self.convert(self.promoted(a),  # type: ignore[attr-defined]
                                        default_arg_promote(ts, a.type)))
        e.args = out
        rt = ft.ret
        if not rt.is_void and not rt.is_complete:
            self.error(e.loc, f"invalid use of undefined type '{rt}'")  # type: ignore
        e.type = rt.unqual()
        return e

    def implicit_decl(self, f: ast.Ident) -> None:
        ts = self.ts  # type: ignore[attr-defined]
        old = self.externs.get(f.name)  # type: ignore[attr-defined]
        if old is not None:
            self.scope.names[f.name] = old  # type: ignore[attr-defined]
            return
        self.pedwarn(f.loc, f"implicit declaration of function '{f.name}'")  # type: ignore
        sym = Symbol(f.name, "func", FuncType(ts.int_, None), f.loc)
        sym.linkage = "external"
        sym.scope_depth = 0
        self.externs[f.name] = sym  # type: ignore[attr-defined]
        self.scope.names[f.name] = sym  # type: ignore[attr-defined]

    # -------------------------------------------------------------- indexing
    def e_Index(self, e: ast.Index) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        base = self.expr(e.base)  # type: ignore[attr-defined]
        if base.type.is_vector:
            e.base = base
            e.index = self.value(e.index)  # type: ignore[attr-defined]
            e.type = base.type.elem
            return e
        base = self.rvalue(base)  # type: ignore[attr-defined]
        idx = self.value(e.index)  # type: ignore[attr-defined]
        if base.type.is_integer and idx.type.is_pointer:
            base, idx = idx, base   # `i[a]`
        e.base, e.index = base, idx
        if not base.type.is_pointer:
            self.error(e.loc, "subscripted value is neither array nor pointer nor vector")  # type: ignore
            e.type = ts.int_
            return e
        if not idx.type.is_integer:
            self.error(e.loc, "array subscript is not an integer")  # type: ignore
        tgt = base.type.target
        if not tgt.is_complete and not tgt.is_void:
            self.error(e.loc, f"invalid use of undefined type '{tgt}'"  # type: ignore
                       if tgt.is_record else "invalid use of array with unspecified bounds")
        e.type = tgt
        return e

    # ---------------------------------------------------------------- member
    def e_Member(self, e: ast.Member) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        if e.arrow:
            base = self.value(e.base)  # type: ignore[attr-defined]
            bt = base.type
            if not isinstance(bt, PointerType):
                self.error(e.loc, f"invalid type argument of '->' (have '{bt}')")  # type: ignore
                e.base, e.type = base, ts.int_
                return e
            rt = bt.target
        else:
            base = self.expr(e.base)  # type: ignore[attr-defined]
            rt = base.type
        e.base = base
        if not isinstance(rt, RecordType):
            self.error(e.loc, f"request for member '{e.name}' in something not a "  # type: ignore
                              "structure or union")
            e.type = ts.int_
            return e
        if not rt.is_complete:
            self.error(e.loc, f"invalid use of undefined type '{rt}'")  # type: ignore
            e.type = ts.int_
            return e
        found = rt.info.find(e.name)
        if found is None:
            self.error(e.loc, f"'{rt}' has no member named '{e.name}'")  # type: ignore
            e.type = ts.int_
            return e
        m = found[0][-1]
        q = rt.quals
        for step in found[0][:-1]:
            q |= step.type.quals
        e.type = m.type.qualified(q)
        return e

    # ------------------------------------------------------------------ cast
    def e_Cast(self, e: ast.Cast) -> Any:
        t = self.typename(e.typename)  # type: ignore[attr-defined]
        if isinstance(e.expr, ast.InitList):
            # `(T){...}` reached as a cast by some parsers: a compound literal.
            cl = ast.CompoundLiteral(e.loc, e.typename, e.expr)
            return self.e_CompoundLiteral(cl)
        x = self.value(e.expr)  # type: ignore[attr-defined]
        e.expr = x
        st = x.type
        e.type = t.unqual()
        if t.is_void:
            return e
        if isinstance(t, RecordType) and t.is_union and not st.is_record:
            if any(compatible(m.type.unqual(), st.unqual()) for m in t.info.members):
                self.pedantic(e.loc, "ISO C forbids casts to union type")  # type: ignore
                return e   # GNU cast to union
        if isinstance(t, RecordType) and isinstance(st, RecordType) and t.info is st.info:
            return e   # GNU accepts a cast to the same struct type
        if not (t.is_scalar or t.is_vector):
            self.error(e.loc, "conversion to non-scalar type requested")  # type: ignore
            return e
        if not (st.is_scalar or st.is_vector):
            self.error(e.loc, "aggregate value used where "  # type: ignore
                       + ("an integer" if t.is_integer else "a floating-point"
                          if t.is_float else "a pointer") + " was expected"
                       if st.is_record else "invalid use of void expression")
            return e
        if t.is_pointer and st.is_float:
            self.error(e.loc, "cannot convert to a pointer type")  # type: ignore
        elif t.is_float and st.is_pointer:
            self.error(e.loc, "pointer value used where a floating-point was expected")  # type: ignore
        return e

    # ------------------------------------------------------ sizeof / alignof
    def sizeof_check(self, loc: Any, t: Any, what: str) -> int:
        if t.is_func:
            self.pedantic(loc, f"invalid application of '{what}' to a function type")  # type: ignore
            return 1
        if t.is_void:
            self.pedantic(loc, f"invalid application of '{what}' to a void type")  # type: ignore
            return 1
        if not t.is_complete:
            self.error(loc, f"invalid application of '{what}' to incomplete type '{t}'")  # type: ignore
            return 0
        return t.size() if what == "sizeof" else t.align()

    def e_SizeofExpr(self, e: ast.SizeofExpr) -> Any:
        x = self.expr(e.expr)  # type: ignore[attr-defined]
        e.expr = x
        if self.bitfield_width(x) is not None:  # type: ignore[attr-defined]
            self.error(e.loc, "'sizeof' applied to a bit-field")  # type: ignore
        self.sizeof_check(e.loc, x.type, "sizeof")
        e.type = self.ts.size_t  # type: ignore[attr-defined]
        return e

    def e_SizeofType(self, e: ast.SizeofType) -> Any:
        t = self.typename(e.typename)  # type: ignore[attr-defined]
        self.sizeof_check(e.loc, t, "sizeof")
        e.type = self.ts.size_t  # type: ignore[attr-defined]
        return e

    def e_AlignofType(self, e: ast.AlignofType) -> Any:
        t = self.typename(e.typename)  # type: ignore[attr-defined]
        self.sizeof_check(e.loc, t, "_Alignof")
        e.type = self.ts.size_t  # type: ignore[attr-defined]
        return e

    def e_AlignofExpr(self, e: ast.AlignofExpr) -> Any:
        e.expr = self.expr(e.expr)  # type: ignore[attr-defined]
        self.sizeof_check(e.loc, e.expr.type, "__alignof__")
        e.type = self.ts.size_t  # type: ignore[attr-defined]
        return e

    # --------------------------------------------------- compound literal
    def e_CompoundLiteral(self, e: ast.CompoundLiteral) -> Any:
        t = self.typename(e.typename)  # type: ignore[attr-defined]
        if has_variable_size(t):
            self.error(e.loc, "compound literal has variable size")  # type: ignore
        elif t.is_func or (not t.is_complete and not isinstance(t, ArrayType)):
            self.error(e.loc, "compound literal has incomplete type" if not t.is_func  # type: ignore
                       else "compound literal has function type")
        sym = Symbol("", "var", t, e.loc)
        sym.scope_depth = self.scope.depth  # type: ignore[attr-defined]
        sym.storage = "static" if self.func_name is None else None  # type: ignore
        sym.init = self.init_object(sym.type, e.init, e.loc,  # type: ignore[attr-defined]
                                    sym.storage == "static", sym)
        self.literal_symbols[e] = sym  # type: ignore[attr-defined]
        e.type = sym.type
        return e

    # ------------------------------------------------------------- _Generic
    def e_Generic(self, e: ast.Generic) -> Any:
        ctl = self.value(e.control)  # type: ignore[attr-defined]
        ct = ctl.type.unqual()
        chosen = None
        default = None
        seen: List[Any] = []
        for a in e.assocs:
            x = self.expr(a.expr)  # type: ignore[attr-defined]
            a.expr = x
            if a.typename is None:
                if default is not None:
                    self.error(a.loc, "duplicate 'default' case in '_Generic'")  # type: ignore
                default = x
                continue
            t = self.typename(a.typename)  # type: ignore[attr-defined]
            if has_variable_size(t):
                self.error(a.loc, "'_Generic' association has variable length type")  # type: ignore
            elif t.is_func or (not t.is_complete and not t.is_void) or t.is_void:
                self.error(a.loc, "'_Generic' association has incomplete type"  # type: ignore
                           if not t.is_func else "'_Generic' association has function type")
            for s in seen:
                if compatible(s, t):
                    self.error(a.loc, "'_Generic' specifies two compatible types")  # type: ignore
            seen.append(t)
            if chosen is None and compatible(ct, t):
                chosen = x
        if chosen is None:
            chosen = default
        if chosen is None:
            self.error(e.loc, f"'_Generic' selector of type '{ct}' is not compatible with "  # type: ignore
                              "any association")
            e.type = self.ts.int_  # type: ignore[attr-defined]
            return e
        return chosen

    # ------------------------------------------------------- GNU expressions
    def e_StmtExpr(self, e: ast.StmtExpr) -> Any:
        if self.func_name is None:  # type: ignore[attr-defined]
            self.error(e.loc, "braced-group within expression allowed only inside a "  # type: ignore
                              "function")
        body = e.body
        self.compound(body, new_scope=True, stmt_expr=True)  # type: ignore[attr-defined]
        items = body.items or []
        t = self.ts.void  # type: ignore[attr-defined]
        if items and isinstance(items[-1], ast.ExprStmt) and items[-1].expr is not None:
            last = items[-1].expr
            if not last.type.is_void:
                items[-1].expr = self.rvalue(last)  # type: ignore[attr-defined]
            t = items[-1].expr.type
        e.type = t
        return e

    def e_LabelAddr(self, e: ast.LabelAddr) -> Any:
        self.use_label(e.label, e.loc)  # type: ignore[attr-defined]
        e.type = PointerType(self.ts.void)  # type: ignore[attr-defined]
        return e

    def e_VaArg(self, e: ast.VaArg) -> Any:
        e.expr = self.value(e.expr)  # type: ignore[attr-defined]
        t = self.typename(e.typename)  # type: ignore[attr-defined]
        if not t.is_complete:
            self.error(e.loc, f"second argument to 'va_arg' is of incomplete type '{t}'")  # type: ignore
        e.type = t.unqual()
        return e

    def e_Offsetof(self, e: ast.Offsetof) -> Any:
        self.offsetof_value(e)  # type: ignore[attr-defined]
        e.type = self.ts.size_t  # type: ignore[attr-defined]
        return e

    def e_TypesCompatible(self, e: ast.TypesCompatible) -> Any:
        self.typename(e.type1)  # type: ignore[attr-defined]
        self.typename(e.type2)  # type: ignore[attr-defined]
        e.type = self.ts.int_  # type: ignore[attr-defined]
        return e

    def e_BuiltinTypeArg(self, e: ast.BuiltinTypeArg) -> Any:
        args = []
        last_t = None
        for a in e.args or []:
            if isinstance(a, ast.TypeName):
                last_t = self.typename(a)  # type: ignore[attr-defined]
                args.append(a)
            else:
                args.append(self.value(a))  # type: ignore[attr-defined]
        e.args = args
        if e.name in ("__builtin_convertvector",) and last_t is not None:
            e.type = last_t
        elif e.name in ("__builtin_shufflevector", "__builtin_shuffle") and args:
            e.type = args[0].type
        elif last_t is not None and e.name.endswith("_p"):
            e.type = self.ts.int_  # type: ignore[attr-defined]
        else:
            e.type = last_t if last_t is not None else self.ts.int_  # type: ignore
        return e

    def e_InitList(self, e: ast.InitList) -> Any:
        self.error(e.loc, "expected expression before '{' token")  # type: ignore
        e.type = self.ts.int_  # type: ignore[attr-defined]
        return e

    def e_ImplicitCast(self, e: ast.ImplicitCast) -> Any:
        return e

    def vector_elem(self, t: Any) -> Any:
        return t.elem if isinstance(t, VectorType) else t

    def e_dummy(self, e: Any) -> Any:
        return ic("void", e, self.ts.void)  # type: ignore[attr-defined]
