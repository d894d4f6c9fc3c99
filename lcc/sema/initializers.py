"""Initializers (C11 6.7.9): scalars, braces, nested aggregates with brace
elision, designators (including GNU ranges), string literals for character
arrays, incomplete arrays sized by their initializer, unions.

The result is a flat list of InitEntry, in the order the initializer
gives them (a later entry for the same bytes overrides an earlier one):
the code generator zero-fills the object, then stores each entry. An entry
is a scalar (expr already converted to `type`), a bit-field (bit_width set),
a string literal filling a character array (expr is the StringLit, type
the array type; bytes beyond the literal stay zero), or a whole struct/union
copied from an expression of the same type.
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from lcc import ast
from lcc.sema.types import ArrayType, IntType, RecordType, Type, has_variable_size


class InitEntry:
    __slots__ = ("offset", "type", "expr", "bit_offset", "bit_width")

    def __init__(self, offset: int, type_: Type, expr: Any, bit_offset: int = 0,
                 bit_width: Optional[int] = None) -> None:
        self.offset = offset
        self.type = type_
        self.expr = expr
        self.bit_offset = bit_offset
        self.bit_width = bit_width

    def __repr__(self) -> str:
        bf = f":{self.bit_width}@{self.bit_offset}" if self.bit_width is not None else ""
        return f"InitEntry(+{self.offset}{bf} {self.type})"


def _is_char(t: Type) -> bool:
    return isinstance(t, IntType) and t.size() == 1 and t.kind != "_Bool"


def _fields(t: RecordType) -> List[Any]:
    # Unnamed bit-fields take no part in initialization (6.7.9p9).
    return [m for m in t.info.members if not (m.name is None and m.bit_width is not None)]


class InitMixin:
    """Part of the Analyzer (see core.py)."""

    def initialize(self, sym: Any, idecl: ast.InitDeclarator, loc: Any) -> None:
        static = sym.has_static_storage or sym.is_local_static
        sym.init = self.init_object(sym.type, idecl.init, loc, static, sym)
        self._static_init = False  # type: ignore[attr-defined]
        if not isinstance(idecl.init, ast.InitList) and sym.init:
            idecl.init = sym.init[0].expr

    def init_object(self, t: Type, init: Any, loc: Any, static: bool, sym: Any
                    ) -> List[InitEntry]:
        out: List[InitEntry] = []
        self._static_init = static  # type: ignore[attr-defined]
        if has_variable_size(t):
            if not (isinstance(init, ast.InitList) and not init.items):
                self.error(loc, "variable-sized object may not be initialized")  # type: ignore
            return out
        if t.is_func or (not t.is_complete and not isinstance(t, ArrayType)):
            return out
        if isinstance(init, ast.InitList):
            n = self.braced(t, 0, init, out)
        else:
            n = self.init_single(t, 0, init, out, top=True)
        if isinstance(t, ArrayType) and t.length is None and sym is not None:
            nt = ArrayType(t.elem, n)
            nt.quals = t.quals
            sym.type = nt
        return out

    # ------------------------------------------------------------- pieces
    def element(self, t: Type, off: int, pos: int) -> Optional[Tuple[Type, int, Any]]:
        """The pos-th subobject of aggregate t: (type, offset, member)."""
        if isinstance(t, ArrayType):
            if t.length is not None and pos >= t.length:
                return None
            return t.elem, off + pos * t.elem.size(), None
        if isinstance(t, RecordType):
            fs = _fields(t)
            if pos >= len(fs) or (t.is_union and pos > 0):
                return None
            m = fs[pos]
            return m.type, off + m.offset, m
        return None

    def count(self, t: Type) -> Optional[int]:
        if isinstance(t, ArrayType):
            return t.length
        if isinstance(t, RecordType):
            return 1 if t.is_union and _fields(t) else len(_fields(t))
        return 1

    def scalar(self, t: Type, off: int, value: Any, out: List[InitEntry], m: Any) -> None:
        v = self.value(value)  # type: ignore[attr-defined]
        v = self.assign_convert(v, t, value.loc, "initialization")  # type: ignore
        if self._static_init:  # type: ignore[attr-defined]
            self.check_constant(v)
        bw = m.bit_width if m is not None else None
        out.append(InitEntry(off, t, v, m.bit_offset if bw is not None else 0, bw))

    def check_constant(self, v: Any) -> None:
        if v.type.is_arith:
            if self.fold(v) is not None:  # type: ignore[attr-defined]
                return
            if self._address_difference(v):
                return
            if v.type.is_float or v.type.is_integer:
                # Complex constants and integers made from addresses.
                if self.address_constant(v) is not None:  # type: ignore[attr-defined]
                    return
                if getattr(v.type, "complex", False) and self._complex_const(v):
                    return
        elif v.type.is_pointer:
            if self.address_constant(v) is not None:  # type: ignore[attr-defined]
                return
        elif v.type.is_record or v.type.is_vector:
            return
        self.error(v.loc, "initializer element is not constant")  # type: ignore

    def _address_difference(self, v: Any) -> bool:
        """`&&a - &&b` and `&x[3] - &x[1]` style link-time constants."""
        while isinstance(v, (ast.ImplicitCast, ast.Cast)):
            v = v.expr
        if isinstance(v, ast.Binary) and v.op == "-":
            a = self.address_constant(v.left)  # type: ignore[attr-defined]
            b = self.address_constant(v.right)  # type: ignore[attr-defined]
            return a is not None and b is not None
        return False

    def _complex_const(self, v: Any) -> bool:
        while isinstance(v, (ast.ImplicitCast, ast.Cast)):
            v = v.expr
        if isinstance(v, (ast.FloatLit, ast.IntLit)):
            return True
        if isinstance(v, ast.Binary):
            return self._complex_const(v.left) and self._complex_const(v.right)
        if isinstance(v, ast.Unary) and v.op in ("-", "+"):
            return self._complex_const(v.operand)
        return self.fold(v) is not None  # type: ignore[attr-defined]

    def string_init(self, t: ArrayType, off: int, s: Any, out: List[InitEntry]) -> int:
        s = self.expr(s)  # type: ignore[attr-defined]
        n = len(s.value)
        if t.length is not None and n - 1 > t.length:
            self.pedwarn(s.loc, "initializer-string for array of "  # type: ignore
                                f"'{t.elem}' is too long")
        out.append(InitEntry(off, t, s))
        return n

    def string_fits(self, t: Type, value: Any) -> bool:
        """Is value a string literal that can initialize array t?"""
        while isinstance(value, ast.InitList) and len(value.items) == 1 and \
                not value.items[0].designators and False:
            value = value.items[0].value
        if not (isinstance(t, ArrayType) and isinstance(value, ast.StringLit)):
            return False
        s = self.expr(value)  # type: ignore[attr-defined]
        st = s.type.elem
        if not t.elem.is_integer:
            return False
        if _is_char(t.elem):
            return _is_char(st)
        if t.elem.is_integer and st.is_integer and st.size() > 1:
            if t.elem.size() != st.size():
                self.error(value.loc, "array of inappropriate type initialized from "  # type: ignore
                                      "string constant")
            return True
        if _is_char(st):
            self.error(value.loc, "array of inappropriate type initialized from string "  # type: ignore
                                  "constant")
            return True
        return False

    def init_single(self, t: Type, off: int, value: Any, out: List[InitEntry],
                    top: bool = False, m: Any = None) -> int:
        """An initializer that is an expression, for an object of type t.
        Returns the length for arrays (for sizing `T a[]`)."""
        if self.string_fits(t, value):
            return self.string_init(t, off, value, out)  # type: ignore[arg-type]
        if isinstance(t, ArrayType):
            if top:
                x = self.expr(value)  # type: ignore[attr-defined]
                if isinstance(x, ast.CompoundLiteral) and isinstance(x.type, ArrayType) \
                        and x.type.elem.unqual().size() == t.elem.size():
                    # GNU: an array initialized from an array compound literal.
                    out.append(InitEntry(off, x.type, x))
                    return x.type.length or 0
                self.error(value.loc, "invalid initializer")  # type: ignore
                return 0
            self.scalar(t.elem, off, value, out, None)
            return 1
        if isinstance(t, RecordType):
            v = self.value(value)  # type: ignore[attr-defined]
            if isinstance(v.type, RecordType) and v.type.info is t.info:
                out.append(InitEntry(off, t, v))
                return 1
            if top:
                self.error(value.loc, "invalid initializer" if not v.type.is_scalar  # type: ignore
                           else f"incompatible types when initializing type '{t}' using "
                                f"type '{v.type}'")
                return 1
        self.scalar(t, off, value, out, m)
        return 1

    def braced(self, t: Type, off: int, il: ast.InitList, out: List[InitEntry]) -> int:
        stack = self._init_stack  # type: ignore[attr-defined]
        stack.append(t)
        try:
            return self._braced(t, off, il, out)
        finally:
            stack.pop()

    def _braced(self, t: Type, off: int, il: ast.InitList, out: List[InitEntry]) -> int:
        items = il.items or []
        il.type = t
        if not items:
            self.pedantic(il.loc, "ISO C forbids empty initializer braces")  # type: ignore
        if not (isinstance(t, (ArrayType, RecordType)) or t.is_vector):
            # Braces around a scalar (6.7.9p11).
            if not items:
                return 1
            first = items[0]
            if first.designators:
                self.error(first.loc, "field name not in record or union initializer")  # type: ignore
            if isinstance(first.value, ast.InitList):
                self.braced(t, off, first.value, out)
            else:
                self.scalar(t, off, first.value, out, None)
            if len(items) > 1:
                self.pedwarn(items[1].loc, "excess elements in scalar initializer")  # type: ignore
            return 1
        if t.is_vector:
            et = t.elem  # type: ignore[attr-defined]
            for i, it in enumerate(items):
                if isinstance(it.value, ast.InitList):
                    self.braced(et, off + i * et.size(), it.value, out)
                else:
                    self.scalar(et, off + i * et.size(), it.value, out, None)
            return 1
        if isinstance(t, ArrayType) and len(items) == 1 and not items[0].designators \
                and self.string_fits(t, items[0].value):
            return self.string_init(t, off, items[0].value, out)
        i = 0
        pos = 0
        maxn = 0
        n = self.count(t)
        while i < len(items):
            it = items[i]
            if it.designators:
                pos, last = self.designated(t, off, it, out)
                maxn = max(maxn, last + 1)
                pos = last + 1
                i += 1
                continue
            el = self.element(t, off, pos)
            if el is None or (n is not None and pos >= n):
                self.pedwarn(it.loc, "excess elements in "  # type: ignore
                             + ("array" if isinstance(t, ArrayType) else
                                "union" if t.is_union else "struct") + " initializer")  # type: ignore
                if not isinstance(it.value, ast.InitList):
                    self.value(it.value)  # type: ignore[attr-defined]
                i += 1
                continue
            et, eoff, m = el
            stack = self._init_stack  # type: ignore[attr-defined]
            if isinstance(et, ArrayType) and et.length is None and len(stack) > 1 \
                    and isinstance(t, RecordType) and not (
                        isinstance(stack[-2], RecordType) and stack[-2].is_union):
                self.error(it.loc, "initialization of flexible array member in a nested "  # type: ignore
                                   "context")
            i = self.sub(et, eoff, items, i, out, m)
            pos += 1
            maxn = max(maxn, pos)
        return maxn

    def sub(self, t: Type, off: int, items: List[ast.InitItem], i: int,
            out: List[InitEntry], m: Any) -> int:
        """Initialize a subobject from items[i:], eliding braces when the
        item is an expression for an aggregate. Returns the next index."""
        it = items[i]
        v = it.value
        if isinstance(v, ast.InitList):
            self.braced(t, off, v, out)
            return i + 1
        if not isinstance(t, (ArrayType, RecordType)) or self.string_fits(t, v):
            self.init_single(t, off, v, out, m=m)
            return i + 1
        if isinstance(t, RecordType) and not isinstance(v, ast.StringLit):
            # (a string literal starts the struct's first char array member:
            # it must stay a StringLit, not decay, for brace elision below)
            x = self.value(v)  # type: ignore[attr-defined]
            it.value = x
            if isinstance(x.type, RecordType) and x.type.info is t.info:
                out.append(InitEntry(off, t, x))
                return i + 1
        if isinstance(t, ArrayType) and t.length is None:
            # A flexible array member initialized without braces.
            n = 0
            while i < len(items) and not items[i].designators:
                i = self.sub(t.elem, off + n * t.elem.size(), items, i, out, None)
                n += 1
            return i
        # Brace elision: this aggregate takes as many items as it needs.
        pos = 0
        n = self.count(t) or 0
        while i < len(items) and pos < n and (pos == 0 or not items[i].designators):
            el = self.element(t, off, pos)
            if el is None:
                break
            et, eoff, em = el
            i = self.sub(et, eoff, items, i, out, em)
            pos += 1
        return i

    def designated(self, t: Type, off: int, it: ast.InitItem, out: List[InitEntry]
                   ) -> Tuple[int, int]:
        """Apply one designated item at this brace level; returns (first,
        last) index designated at this level."""
        desigs = list(it.designators)
        first = last = 0
        cur_t, cur_off, m = t, off, None
        ranges: List[Tuple[int, int, int]] = []   # (count, stride) for GNU ranges
        for k, d in enumerate(desigs):
            if isinstance(d, ast.FieldDesignator):
                if not isinstance(cur_t, RecordType):
                    self.error(d.loc, "field name not in record or union initializer")  # type: ignore
                    return 0, 0
                fs = _fields(cur_t)
                found = cur_t.info.find(d.name)
                if found is None:
                    self.error(d.loc, f"'{cur_t}' has no member named '{d.name}'")  # type: ignore
                    return 0, 0
                path, moff = found
                idx = fs.index(path[0]) if path[0] in fs else 0
                if k == 0:
                    first = last = idx
                m = path[-1]
                cur_off += moff
                cur_t = m.type
            else:
                if not isinstance(cur_t, ArrayType):
                    self.error(d.loc, "array index in non-array initializer")  # type: ignore
                    return 0, 0
                lo = self.const_int(d.lo, "array index in initializer not of integer type")  # type: ignore
                hi = lo
                if d.hi is not None:
                    hi = self.const_int(d.hi, "array index in initializer not of integer "  # type: ignore
                                              "type")
                if lo is None or hi is None:
                    return 0, 0
                if lo < 0 or (cur_t.length is not None and hi >= cur_t.length):
                    self.error(d.loc, "array index in initializer exceeds array bounds")  # type: ignore
                    return 0, 0
                if hi < lo:
                    self.error(d.loc, "empty index range in initializer")  # type: ignore
                    return 0, 0
                if k == 0:
                    first, last = lo, hi
                esz = cur_t.elem.size()
                if hi > lo:
                    ranges.append((hi - lo + 1, esz, 0))
                cur_off += lo * esz
                cur_t = cur_t.elem
                m = None
        offsets = [cur_off]
        for cnt, stride, _ in ranges:
            offsets = [o + j * stride for o in offsets for j in range(cnt)]
        for o in offsets:
            if isinstance(it.value, ast.InitList):
                self.braced(cur_t, o, it.value, out)
            else:
                self.sub(cur_t, o, [ast.InitItem(it.loc, [], it.value)], 0, out, m)
        return first, last
