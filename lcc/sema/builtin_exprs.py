"""Calls of builtins: symbols for builtins used without a declaration, and
the type-generic builtins whose result type depends on their arguments."""
from __future__ import annotations

from typing import Any, Optional

from lcc import ast
from lcc.builtins import is_builtin
from lcc.sema.builtin_sigs import builtin_type
from lcc.sema.scope import Symbol
from lcc.sema.types import CONST, FloatType, FuncType, PointerType

_CLASSIFY = {"isinf", "isnan", "isfinite", "isnormal", "isinf_sign", "signbit", "signbitf",
             "signbitl", "isinff", "isinfl", "isnanf", "isnanl", "fpclassify", "isgreater",
             "isgreaterequal", "isless", "islessequal", "islessgreater", "isunordered",
             "finite", "finitef", "finitel", "iszero", "issignaling", "issubnormal"}


class BuiltinMixin:
    """Part of the Analyzer (see core.py)."""

    def builtin_symbol(self, name: str) -> Optional[Symbol]:
        """A file-scope symbol for a builtin function used undeclared."""
        cache = self.builtin_cache  # type: ignore[attr-defined]
        if name in cache:
            return cache[name]
        ft = None
        if name.startswith("__builtin_") or name.startswith("__sync_") \
                or name.startswith("__atomic_"):
            ft = builtin_type(self.ts, name)  # type: ignore[attr-defined]
            if ft is None and (is_builtin(name) or name.startswith("__builtin_")):
                ft = FuncType(self.ts.int_, None)  # type: ignore[attr-defined]
        if ft is None:
            cache[name] = None
            return None
        sym = Symbol(name, "func", ft, None)
        sym.linkage = "external"
        sym.is_builtin = True
        cache[name] = sym
        return sym

    def builtin_call(self, e: ast.Call) -> Optional[Any]:
        """Type a call of a type-generic builtin; None for ordinary calls."""
        f = e.func
        assert isinstance(f, ast.Ident)
        name = f.name
        ts = self.ts  # type: ignore[attr-defined]
        short = name[10:] if name.startswith("__builtin_") else None
        if short is None and not (name.startswith("__sync_") or name.startswith("__atomic_")):
            if self.scope.lookup(name) is None and builtin_type(ts, name) is not None:  # type: ignore
                # A library builtin used undeclared: gcc types it with the
                # builtin's prototype (and warns).
                self.pedwarn(f.loc, f"implicit declaration of function '{name}'")  # type: ignore
                bt = builtin_type(ts, name)
                # Typed by its return type only: gcc does not check the
                # arguments of an implicitly declared library function.
                sym = Symbol(name, "func", FuncType(bt.ret, None), f.loc)  # type: ignore
                sym.linkage = "external"
                sym.is_builtin = True
                self.externs[name] = sym  # type: ignore[attr-defined]
                self.file_scope.names[name] = sym  # type: ignore[attr-defined]
            return None
        if short is not None and self.scope.lookup(name) is not None:  # type: ignore
            return None
        args = e.args or []

        def done(t: Any, conv: bool = True) -> Any:
            e.args = [self.value(a) for a in args] if conv else \
                [self.expr(a) for a in args]  # type: ignore[attr-defined]
            fsym = Symbol(name, "func", FuncType(t, None), f.loc)
            fsym.is_builtin = True
            fsym.linkage = "external"
            f.symbol, f.type = fsym, fsym.type
            e.func = self.rvalue(f)  # type: ignore[attr-defined]
            e.type = t
            return e

        if short == "constant_p":
            return done(ts.int_, conv=False)
        if short == "choose_expr":
            if len(args) != 3:
                self.error(e.loc, "wrong number of arguments to function "  # type: ignore
                                  "'__builtin_choose_expr'")
                return done(ts.int_)
            c = self.const_int(args[0], "first argument to '__builtin_choose_expr' not a "  # type: ignore
                                        "constant")
            return self.expr(args[1] if c else args[2])  # type: ignore[attr-defined]
        if short in ("expect", "expect_with_probability", "assume_aligned", "launder"):
            if not args:
                return done(ts.long)
            a0 = self.value(args[0])  # type: ignore[attr-defined]
            return done(a0.type if short != "expect" else ts.long)
        if short in _CLASSIFY:
            return done(ts.int_)
        if short in ("add_overflow", "sub_overflow", "mul_overflow",
                     "add_overflow_p", "sub_overflow_p", "mul_overflow_p"):
            if len(args) != 3:
                self.error(e.loc, f"wrong number of arguments to function '{name}'")  # type: ignore
            return done(ts.bool_)
        if short in ("va_start", "va_end", "va_copy", "c23_va_start"):
            if short == "va_start" and self.func_type is not None \
                    and not self.func_type.variadic:  # type: ignore[attr-defined]
                self.error(e.loc, "'va_start' used in function with fixed arguments")  # type: ignore
            return done(ts.void)
        if short == "va_arg_pack" or short == "va_arg_pack_len":
            return done(ts.int_)
        if short == "complex":
            if len(args) == 2:
                a0 = self.value(args[0])  # type: ignore[attr-defined]
                k = a0.type.kind if isinstance(a0.type, FloatType) else "double"
                return done(FloatType(k, True))
            return done(FloatType("double", True))
        if short in ("shuffle", "shufflevector", "convertvector"):
            a0 = self.value(args[0]) if args else None  # type: ignore[attr-defined]
            return done(a0.type if a0 is not None else ts.int_)
        if short in ("tgmath",):
            return done(ts.double)
        if short in ("call_with_static_chain",):
            a0 = self.value(args[0]) if args else None  # type: ignore[attr-defined]
            return done(a0.type if a0 is not None else ts.int_)
        if short in ("alloca_with_align", "alloca_with_align_and_max"):
            return done(ts.voidp)
        if name.startswith("__sync_") or name.startswith("__atomic_"):
            return self.atomic_call(e, name, done)
        if short in ("isinf_sign", "signbit"):
            return done(ts.int_)
        if short == "clear_padding":
            return self.clear_padding_call(e, name, done)
        return None

    def clear_padding_call(self, e: ast.Call, name: str, done: Any) -> Any:
        """`__builtin_clear_padding(p)`: void, p a pointer to a complete,
        non-const object type (gcc's checks)."""
        args = e.args or []
        if len(args) != 1:
            self.error(e.loc, "too %s arguments to function '%s'"  # type: ignore
                       % ("many" if args else "few", name))
            return done(self.ts.void)  # type: ignore[attr-defined]
        a = self.value(args[0])  # type: ignore[attr-defined]
        what = f"argument 1 in call to function '{name}'"
        t = a.type
        if not isinstance(t, PointerType):
            self.error(a.loc, what + " does not have pointer type")  # type: ignore
        elif not t.target.is_complete or t.target.is_func:
            self.error(a.loc, what + " points to incomplete type")  # type: ignore
        elif t.target.quals & CONST:
            self.error(a.loc, what + f" has pointer to 'const' type ('{t}')")  # type: ignore
        return done(self.ts.void)  # type: ignore[attr-defined]

    def atomic_call(self, e: ast.Call, name: str, done: Any) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        args = e.args or []
        if name in ("__sync_synchronize", "__atomic_thread_fence",
                    "__atomic_signal_fence", "__sync_lock_release", "__atomic_store",
                    "__atomic_store_n", "__atomic_load", "__atomic_exchange", "__atomic_clear"):
            return done(ts.void)
        if name in ("__sync_bool_compare_and_swap", "__atomic_compare_exchange",
                    "__atomic_compare_exchange_n", "__atomic_test_and_set",
                    "__atomic_always_lock_free", "__atomic_is_lock_free"):
            return done(ts.bool_)
        if args:
            p = self.value(args[0])  # type: ignore[attr-defined]
            if isinstance(p.type, PointerType) and not p.type.target.is_void:
                return done(p.type.target.unqual())
        return done(ts.int_)
