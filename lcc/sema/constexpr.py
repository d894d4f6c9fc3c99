"""Constant expressions (C11 6.6) over the typed AST.

`fold(e)` gives the value of an arithmetic constant expression (int or
float; complex values are not folded) or None. gcc folds more than the
standard's integer constant expressions (e.g. casts of floating constants),
and lcc follows it so that what gcc accepts as an array size or case label
is accepted here too.

`address_constant(e)` describes an address constant for static
initializers as an `Addr(base, offset)`, where base is a Symbol, a
StringLit or a CompoundLiteral node, or a label name (`&&l`).
"""
from __future__ import annotations

import math
from typing import Any, Optional, Tuple, Union

from lcc import ast
from lcc.sema.typerules import compatible
from lcc.sema.types import (ArrayType, FloatType, IntType, PointerType, RecordType,
                             has_variable_size)

Num = Union[int, float]


class Addr:
    __slots__ = ("base", "offset")

    def __init__(self, base: Any, offset: int) -> None:
        self.base = base
        self.offset = offset

    def __repr__(self) -> str:
        name = getattr(self.base, "name", None) or type(self.base).__name__
        return f"Addr({name}+{self.offset})"


def _fdiv(a: Num, b: Num) -> float:
    """IEEE division: x/0 is an infinity, 0/0 a NaN (gcc folds them in
    static initializers: `double inf = 1.0 / 0.0;`)."""
    if b == 0:
        if a == 0 or a != a:
            return float("nan")
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


class ConstMixin:
    """Part of the Analyzer (see core.py)."""

    def const_int(self, e: Any, msg: str) -> Optional[int]:
        """Analyse e and fold it as an integer constant expression; report
        `msg` when it is not one."""
        x = self.value(e)  # type: ignore[attr-defined]
        if not x.type.is_integer:
            self.error(e.loc, msg)  # type: ignore[attr-defined]
            return None
        v = self.fold(x)
        if not isinstance(v, int):
            self.error(e.loc, msg)  # type: ignore[attr-defined]
            return None
        return v

    def fold(self, e: Any) -> Optional[Num]:
        try:
            return self._fold(e)
        except (ZeroDivisionError, OverflowError, ValueError):
            return None

    def _fold(self, e: Any) -> Optional[Num]:
        if isinstance(e, (ast.IntLit, ast.CharLit)):
            return e.value
        if isinstance(e, ast.FloatLit):
            if isinstance(e.type, FloatType) and e.type.complex:
                return complex(0.0, e.value)   # an imaginary constant (GNU `2.0i`)
            return e.value
        t = e.type
        if isinstance(e, ast.Ident):
            s = e.symbol
            if s is not None and s.kind == "enumconst":
                return s.value
            return None
        if isinstance(e, ast.ImplicitCast) and e.kind == "lvalue" and self._static_init \
                and isinstance(e.expr, ast.Ident):
            # gcc folds a const object with a constant initializer in a
            # static initializer (`const char a = 1; double b = a;`).
            s = e.expr.symbol
            if s is not None and s.kind == "var" and s.type.quals & 1 \
                    and not s.type.quals & 2 and s.init and len(s.init) == 1 \
                    and s.type.is_arith and s.init[0].bit_width is None:
                return self._fold(s.init[0].expr)
            return None
        if isinstance(e, ast.ImplicitCast) or isinstance(e, ast.Cast):
            if isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "array", "function"):
                return None
            if t.is_void:
                return None
            v = self._fold(e.expr)
            if v is None:
                if t.is_integer and e.expr.type.is_pointer:
                    a = self.address_constant(e.expr)
                    if a is not None and a.base is None:
                        return t.wrap(a.offset)
                return None
            return self.cast_value(v, t)
        if isinstance(e, (ast.SizeofType, ast.SizeofExpr, ast.AlignofType, ast.AlignofExpr)):
            if isinstance(e, (ast.SizeofType, ast.AlignofType)):
                st = e.typename.type
            else:
                st = e.expr.type
            if st is None:
                return None
            if isinstance(e, (ast.SizeofType, ast.SizeofExpr)):
                if has_variable_size(st):
                    return None
                return 1 if st.is_func or st.is_void else (st.size() if st.is_complete else None)
            if isinstance(e, ast.AlignofExpr):
                x = e.expr
                if isinstance(x, ast.Ident) and x.symbol is not None and x.symbol.align:
                    return max(x.symbol.align, st.align())
            return st.align() if not st.is_func else 1
        if isinstance(e, ast.Offsetof):
            return self.offsetof_value(e, report=False)
        if isinstance(e, ast.TypesCompatible):
            return int(compatible(e.type1.type.unqual(), e.type2.type.unqual()))
        if isinstance(e, ast.Unary):
            if e.op in ("&", "*", "++", "--", "__real__", "__imag__"):
                return None
            v = self._fold(e.operand)
            if v is None:
                return None
            if e.op == "-":
                return self.cast_value(-v, t)
            if e.op == "+":
                return v
            if e.op == "~":
                return t.wrap(~int(v)) if isinstance(t, IntType) else None
            if e.op == "!":
                return int(not v)
            return None
        if isinstance(e, ast.Binary):
            return self._fold_binary(e)
        if isinstance(e, ast.Conditional):
            c = self._fold(e.cond)
            if c is None:
                a = self.address_constant(e.cond)
                if a is None or a.base is None:
                    return None
                c = 1
            if e.then is None:
                return c if c else self._fold(e.els)
            return self._fold(e.then) if c else self._fold(e.els)
        if isinstance(e, ast.Comma):
            return None
        if isinstance(e, ast.Call):
            return self._fold_call(e)
        return None

    def cast_value(self, v: Num, t: Any) -> Optional[Num]:
        if isinstance(v, complex) and not (isinstance(t, FloatType) and t.complex):
            v = v.real
        if isinstance(t, IntType):
            if isinstance(v, float):
                if v != v or v in (float("inf"), float("-inf")):
                    return None
                return t.wrap(int(v))
            return t.wrap(v)
        if isinstance(t, FloatType):
            if t.complex:
                return complex(v)
            return float(v)
        if isinstance(t, PointerType):
            return int(v) & ((1 << 64) - 1) if isinstance(v, int) else None
        return None

    def _fold_binary(self, e: ast.Binary) -> Optional[Num]:
        op = e.op
        if op in ("&&", "||"):
            a = self._fold(e.left)
            if a is None:
                return None
            if op == "&&" and not a:
                return 0
            if op == "||" and a:
                return 1
            b = self._fold(e.right)
            return None if b is None else int(bool(b))
        if e.left.type.is_pointer or e.right.type.is_pointer:
            return self._fold_pointer_binary(e)
        a = self._fold(e.left)
        b = self._fold(e.right)
        if a is None or b is None:
            return None
        t = e.type
        ot = e.left.type
        if isinstance(a, complex) or isinstance(b, complex):
            if op in ("==", "!="):
                return int((a == b) == (op == "=="))
            if op in ("+", "-", "*", "/"):
                return complex({"+": lambda: a + b, "-": lambda: a - b,
                                "*": lambda: a * b, "/": lambda: a / b}[op]())
            return None
        if op in ("<", ">", "<=", ">=", "==", "!="):
            return int({"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b,
                        "==": a == b, "!=": a != b}[op])
        if isinstance(a, float) or isinstance(b, float):
            if op == "+":
                r: Num = a + b
            elif op == "-":
                r = a - b
            elif op == "*":
                r = a * b
            elif op == "/":
                r = _fdiv(a, b)
            else:
                return None
            return float(r)
        if not isinstance(t, IntType):
            return None
        if op == "+":
            r = a + b
        elif op == "-":
            r = a - b
        elif op == "*":
            r = a * b
        elif op == "/":
            r = _div(a, b)
        elif op == "%":
            r = a - _div(a, b) * b
        elif op == "&":
            r = a & b
        elif op == "|":
            r = a | b
        elif op == "^":
            r = a ^ b
        elif op == "<<":
            if b < 0 or b >= ot.size() * 8 * 2:
                return None
            r = a << b
        elif op == ">>":
            if b < 0:
                return None
            r = a >> min(b, 256)
        else:
            return None
        return t.wrap(r)

    def _fold_pointer_binary(self, e: ast.Binary) -> Optional[Num]:
        # Integer results from pointers: `&((T*)0)->f - (char*)0`,
        # comparisons of address constants with null.
        a = self.address_constant(e.left) if e.left.type.is_pointer else None
        b = self.address_constant(e.right) if e.right.type.is_pointer else None
        if e.op == "-" and a is not None and b is not None and _same_base(a.base, b.base):
            size = max(e.left.type.target.size(), 1)
            return (a.offset - b.offset) // size
        if e.op in ("==", "!="):
            za = a is not None and a.base is None and a.offset == 0 or \
                (not e.left.type.is_pointer and self._fold(e.left) == 0)
            zb = b is not None and b.base is None and b.offset == 0 or \
                (not e.right.type.is_pointer and self._fold(e.right) == 0)
            if za and zb:
                return int(e.op == "==")
            if (za and b is not None and b.base is not None and not _weak(b.base)) or \
                    (zb and a is not None and a.base is not None and not _weak(a.base)):
                return int(e.op == "!=")
            if a is not None and b is not None and a.base is not None and a.base is b.base:
                return int((a.offset == b.offset) == (e.op == "=="))
        return None

    def _fold_call(self, e: ast.Call) -> Optional[Num]:
        f = e.func
        while isinstance(f, ast.ImplicitCast):
            f = f.expr
        if not isinstance(f, ast.Ident):
            return None
        name = f.name
        args = e.args or []
        if name == "__builtin_constant_p":
            if not args:
                return 0
            a = args[0]
            v = self._fold(a)
            if v is not None:
                return 1
            if isinstance(a, ast.StringLit) or (isinstance(a, ast.ImplicitCast)
                                                and isinstance(a.expr, ast.StringLit)):
                return 1
            return 0
        if name in ("__builtin_expect", "__builtin_expect_with_probability") and args:
            return self._fold(args[0])
        short = name[10:] if name.startswith("__builtin_") else name
        if short in ("nan", "nanf", "nanl", "nans", "nansf", "nansl") and len(args) == 1:
            a0 = args[0]
            while isinstance(a0, ast.ImplicitCast):
                a0 = a0.expr
            if isinstance(a0, ast.StringLit):
                return float("nan")   # (the payload: see lcc/ir/data_float.py)
        vals = [self._fold(a) for a in args]
        if any(v is None for v in vals):
            return None
        if short in ("clz", "clzl", "clzll", "ctz", "ctzl", "ctzll", "popcount", "popcountl",
                     "popcountll", "parity", "parityl", "parityll", "ffs", "ffsl", "ffsll",
                     "bswap16", "bswap32", "bswap64") and len(vals) == 1:
            v = int(vals[0])  # type: ignore[arg-type]
            if short.startswith("bswap"):
                n = int(short[5:]) // 8
                v &= (1 << (8 * n)) - 1
                return int.from_bytes(v.to_bytes(n, "little"), "big")
            bits = 64 if short.endswith("l") else 32
            v &= (1 << bits) - 1
            if short.startswith("popcount"):
                return bin(v).count("1")
            if short.startswith("parity"):
                return bin(v).count("1") & 1
            if short.startswith("clz"):
                return None if v == 0 else bits - v.bit_length()
            if short.startswith("ctz"):
                return None if v == 0 else (v & -v).bit_length() - 1
            return 0 if v == 0 else (v & -v).bit_length()
        if short in ("inf", "inff", "infl", "huge_val", "huge_valf", "huge_vall"):
            return float("inf")
        if short in ("nan", "nanf", "nanl", "nans", "nansf", "nansl"):
            return float("nan")
        if short in ("isinf", "isnan", "isfinite", "signbit") and len(vals) == 1:
            x = float(vals[0])  # type: ignore[arg-type]
            return int({"isinf": math.isinf(x), "isnan": math.isnan(x),
                        "isfinite": math.isfinite(x),
                        "signbit": math.copysign(1.0, x) < 0}[short])
        if short in ("copysign", "copysignf", "copysignl") and len(vals) == 2:
            return math.copysign(float(vals[0]), float(vals[1]))  # type: ignore[arg-type]
        if short in ("fabs", "fabsf", "fabsl") and len(vals) == 1:
            return abs(float(vals[0]))  # type: ignore[arg-type]
        if short == "classify_type":
            return None
        return None

    # ---------------------------------------------------- address constants
    def address_constant(self, e: Any) -> Optional[Addr]:
        """An address constant (6.6p9), with base None for an integer cast to
        a pointer (`(char *)0 + 4`)."""
        if isinstance(e, ast.ImplicitCast):
            if e.kind in ("array", "function"):
                return self._lvalue_addr(e.expr)
            if e.kind == "lvalue":
                return None
            if e.type.is_pointer or e.type.is_integer and e.type.size() == 8:
                if e.expr.type.is_integer:
                    v = self.fold(e.expr)
                    return Addr(None, int(v)) if isinstance(v, int) else None
                return self.address_constant(e.expr)
            return None
        if isinstance(e, ast.Cast):
            if e.expr.type.is_integer:
                v = self.fold(e.expr)
                return Addr(None, int(v)) if isinstance(v, int) else None
            if e.type.is_pointer or (e.type.is_integer and e.type.size() == 8):
                return self.address_constant(e.expr)
            return None
        if isinstance(e, ast.Unary) and e.op == "&":
            return self._lvalue_addr(e.operand)
        if isinstance(e, ast.LabelAddr):
            return Addr(("label", e.label), 0)
        if isinstance(e, ast.Binary) and e.op in ("+", "-") and e.type.is_integer \
                and e.type.size() == 8:
            # Integer arithmetic on an address cast to an integer.
            a = self.address_constant(e.left)
            v = self.fold(e.right)
            if a is not None and a.base is not None and isinstance(v, int):
                return Addr(a.base, a.offset + (v if e.op == "+" else -v))
            if e.op == "+":
                a = self.address_constant(e.right)
                v = self.fold(e.left)
                if a is not None and a.base is not None and isinstance(v, int):
                    return Addr(a.base, a.offset + v)
            return None
        if isinstance(e, ast.Binary) and e.op in ("+", "-") and e.type.is_pointer:
            p, i = (e.left, e.right) if e.left.type.is_pointer else (e.right, e.left)
            a = self.address_constant(p)
            v = self.fold(i)
            if a is None or not isinstance(v, int):
                return None
            size = max(p.type.target.size(), 1) if p.type.target.is_complete or \
                p.type.target.is_void or p.type.target.is_func else 1
            return Addr(a.base, a.offset + (v if e.op == "+" else -v) * size)
        if isinstance(e, ast.Conditional):
            c = self.fold(e.cond)
            if c is None:
                return None
            return self.address_constant(e.then if c and e.then is not None else
                                         e.cond if c else e.els)
        if isinstance(e, ast.Comma):
            return None
        if isinstance(e, ast.Call):
            f = e.func.expr if isinstance(e.func, ast.ImplicitCast) else e.func
            if isinstance(f, ast.Ident) and f.name == "__builtin_expect" and e.args:
                return self.address_constant(e.args[0])
        if e.type.is_integer or e.type.is_pointer:
            v = self.fold(e)
            if isinstance(v, int):
                return Addr(None, v)
        return None

    def label_difference(self, e: Any) -> Optional[Tuple[str, str, int]]:
        """`&&a - &&b` (plus or minus a constant) as (a, b, addend): a
        constant the assembler computes (gcc accepts it in static
        initializers, also converted to a narrower integer type:
        `static const short t[] = { &&l2 - &&l1 };`)."""
        while isinstance(e, (ast.ImplicitCast, ast.Cast)) and e.type.is_integer and \
                (e.expr.type.is_integer or e.expr.type.is_pointer):
            e = e.expr
        if not isinstance(e, ast.Binary) or e.op not in ("+", "-"):
            return None
        if e.type.is_integer and not e.left.type.is_pointer:
            inner = self.label_difference(e.left)
            v = self.fold(e.right)
            if inner is not None and isinstance(v, int):
                return inner[0], inner[1], inner[2] + (v if e.op == "+" else -v)
            if e.op == "+":
                inner = self.label_difference(e.right)
                v = self.fold(e.left)
                if inner is not None and isinstance(v, int):
                    return inner[0], inner[1], inner[2] + v
        if e.op != "-":
            return None
        for side in (e.left, e.right):
            # pointer subtraction counts elements: only `void *` (labels)
            t = side.type
            if t.is_pointer and not (t.target.is_void or t.target.size() == 1):
                return None
        a = self.address_constant(e.left)
        b = self.address_constant(e.right)
        if a is None or b is None or not _is_label(a.base) or not _is_label(b.base):
            return None
        return a.base[1], b.base[1], a.offset - b.offset

    def _lvalue_addr(self, e: Any) -> Optional[Addr]:
        """The address of an lvalue with static storage, if constant."""
        if isinstance(e, ast.Ident):
            s = e.symbol
            if s is not None and (s.kind == "func" or s.has_static_storage):
                return Addr(s, 0)
            return None
        if isinstance(e, (ast.StringLit, ast.CompoundLiteral)):
            if isinstance(e, ast.CompoundLiteral) and self.func_name is not None:  # type: ignore
                return None
            return Addr(e, 0)
        if isinstance(e, ast.Member):
            rt = e.base.type.target if e.arrow else e.base.type
            if not isinstance(rt, RecordType):
                return None
            found = rt.info.find(e.name)
            if found is None or found[0][-1].bit_width is not None:
                return None
            base = self.address_constant(e.base) if e.arrow else self._lvalue_addr(e.base)
            return None if base is None else Addr(base.base, base.offset + found[1])
        if isinstance(e, ast.Index):
            a = self.address_constant(e.base)
            v = self.fold(e.index)
            if a is None or not isinstance(v, int):
                return None
            return Addr(a.base, a.offset + v * max(e.type.size(), 1))
        if isinstance(e, ast.Unary) and e.op == "*":
            return self.address_constant(e.operand)
        if isinstance(e, ast.Unary) and e.op in ("__real__", "__imag__"):
            a = self._lvalue_addr(e.operand)
            if a is None:
                return None
            return Addr(a.base, a.offset + (e.type.size() if e.op == "__imag__" else 0))
        return None

    # --------------------------------------------------------------- offsetof
    def offsetof_value(self, e: ast.Offsetof, report: bool = True) -> Optional[int]:
        t = self.typename(e.typename)  # type: ignore[attr-defined]
        off = 0
        if report:
            for d in e.designators or []:
                if isinstance(d, ast.IndexDesignator):
                    d.lo = self.value(d.lo)  # type: ignore[attr-defined]
                    if not d.lo.type.is_integer:
                        self.error(d.loc, "array subscript is not an integer")  # type: ignore
        for d in e.designators or []:
            if isinstance(d, ast.FieldDesignator):
                if not isinstance(t, RecordType) or not t.is_complete:
                    if report:
                        self.error(d.loc, "request for member '%s' in something not a "  # type: ignore
                                          "structure or union" % d.name)
                    return None
                found = t.info.find(d.name)
                if found is None:
                    if report:
                        self.error(d.loc, f"'{t}' has no member named '{d.name}'")  # type: ignore
                    return None
                m = found[0][-1]
                if m.bit_width is not None:
                    if report:
                        self.error(d.loc, "attempt to take address of bit-field structure "  # type: ignore
                                          f"member '{d.name}'")
                    return None
                if any(pm.segment for pm in found[0]):
                    return None   # at a variable offset: computed at run time
                off += found[1]
                t = m.type
            else:
                if not isinstance(t, ArrayType):
                    if report:
                        self.error(d.loc, "subscripted value is neither array nor pointer")  # type: ignore
                    return None
                v = self.fold(d.lo)
                if not isinstance(v, int) or has_variable_size(t.elem):
                    return None
                off += v * t.elem.size()
                t = t.elem
        return off


def _is_label(base: Any) -> bool:
    return isinstance(base, tuple) and len(base) == 2 and base[0] == "label"


def _same_base(a: Any, b: Any) -> bool:
    if a is b or (_is_label(a) and a == b):
        return True
    # Identical string literals may share storage; gcc folds their difference.
    return (isinstance(a, ast.StringLit) and isinstance(b, ast.StringLit)
            and a.value == b.value)


def _weak(sym: Any) -> bool:
    return "weak" in getattr(sym, "attrs", [])
