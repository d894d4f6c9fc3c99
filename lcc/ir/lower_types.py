"""C types to IR type letters, constants, loads/stores and conversions.

Value trees of integer types narrower than 4 bytes are 4-byte trees holding
the value extended by its type's signedness (`char` -> I4, `unsigned
short` -> U4, `_Bool` -> U4 holding 0 or 1): 1- and 2-byte operators
appear only in INDIR/ASGN and as a CV source/result (docs/backend.md).
"""
from __future__ import annotations

import struct
from fractions import Fraction
from typing import Any, TYPE_CHECKING, Tuple

from lcc.ir.func import DataItem
from lcc.ir.tree import Node
from lcc.sema.types import (ArrayType, FloatType, IntType, PointerType, RecordType, VectorType,
                             has_variable_size)


def is_memory_type(t: Any) -> bool:
    """Types the IR keeps in memory only (letter B)."""
    if isinstance(t, (ArrayType, RecordType, VectorType)):
        return True
    if isinstance(t, IntType):
        return t.size() == 16
    if isinstance(t, FloatType):
        return t.complex or t.kind == "_Float128"
    return False


def is_wide(t: Any) -> bool:
    """Types whose operations lcc.ir.lower_wide lowers: __int128, _Complex,
    _Float128 and vectors."""
    if isinstance(t, IntType):
        return t.size() == 16
    if isinstance(t, FloatType):
        return t.complex or t.kind == "_Float128"
    return isinstance(t, VectorType)


def is_bool(t: Any) -> bool:
    return isinstance(t, IntType) and t.kind == "_Bool"


def wrap_int(v: int, letter: str, size: int) -> int:
    """v reduced to the range of an IR integer type (P as unsigned)."""
    bits = size * 8
    v &= (1 << bits) - 1
    if letter == "I" and v >> (bits - 1):
        v -= 1 << bits
    return v


def round_float(v: float, size: int) -> float:
    if size == 4:
        try:
            return struct.unpack("<f", struct.pack("<f", v))[0]
        except OverflowError:
            return float("inf") if v > 0 else float("-inf")
    return float(v)


if TYPE_CHECKING:
    # The mixins are parts of the Lowerer (lower.py): their attributes come
    # from the others, so mypy sees them as Any.
    from typing import Any as _Base
else:
    _Base = object


class TypesMixin(_Base):
    """Part of the Lowerer."""

    def letter(self, t: Any) -> Tuple[str, int]:
        """The IR type of a C type: ("I", 4), ("P", 8), ("B", size), ("V", 0)."""
        if isinstance(t, IntType):
            size = t.size()
            if size == 16:
                return "B", 16
            if t.kind == "_Bool":
                return "U", 1
            return ("I" if t.signed else "U"), size
        if isinstance(t, PointerType):
            return "P", 8
        if isinstance(t, FloatType):
            if t.complex or t.kind == "_Float128":
                return "B", t.size()
            return "F", t.size()
        if t.is_void:
            return "V", 0
        if t.is_func:
            return "B", 1
        return "B", t.size() if t.is_complete else 0

    def vletter(self, t: Any) -> Tuple[str, int]:
        """The IR type of a value tree of C type t (small integers widened)."""
        ltr, s = self.letter(t)
        if ltr in "IU" and s < 4:
            return ltr, 4
        return ltr, s

    def const(self, v: Any, letter: str, size: int) -> Node:
        if letter == "F":
            return Node("CNSTF%d" % size, (), round_float(float(v), size))
        return Node("CNST%s%d" % (letter, size), (), wrap_int(int(v), letter, size))

    def ldouble_const(self, q: Fraction) -> Node:
        """A long double constant: CNSTF16 when a double holds it exactly
        (the back end encodes CNST values from Python floats), else a load
        from a rodata item with the exact x87 bytes."""
        from lcc.ir.data_float import encode_float, round_to
        r = round_to(q, 16)
        if r is None:
            return self.const(float("inf") if q > 0 else float("-inf"), "F", 16)
        try:
            f = float(r)
        except OverflowError:
            f = None
        if f is not None and Fraction(f) == r:
            return self.const(f, "F", 16)
        data = encode_float(r, 16)
        table = self.module.names.setdefault("lower_ldconst", {})
        name = table.get(data)
        if name is None:
            from lcc.ir import data as irdata
            name = irdata.new_data_name(self.module)
            self.module.data.append(DataItem(name, 16, 16, "rodata", "static",
                                             [("bytes", data)]))
            table[data] = name
        return Node("INDIRF16", (Node("ADDRGP8", (), name),))

    def zero(self, letter: str, size: int) -> Node:
        return self.const(0, letter, size)

    def iconst(self, v: int, t: Any) -> Node:
        """A constant of C type t (a scalar type)."""
        ltr, s = self.vletter(t)
        if ltr in "IU" and self.letter(t)[1] < 4:
            v = t.wrap(v) if isinstance(t, IntType) else v
        return self.const(v, ltr, s)

    # -------------------------------------------------------- memory
    def load(self, addr: Node, t: Any) -> Node:
        """The value tree of the object of type t at addr (for memory-only
        types: INDIRB, only good as the source of a block copy)."""
        ltr, s = self.letter(t)
        if ltr == "B":
            return Node("INDIRB", (addr,))
        n = Node("INDIR%s%d" % (ltr, s), (addr,))
        if ltr in "IU" and s < 4:
            n = Node("CV%s%s4" % (ltr, ltr), (n,))
        return n

    def store(self, addr: Node, value: Node, t: Any) -> Node:
        """The ASGN tree storing a value tree of type t at addr.  For
        memory-only types value is the source address (a block copy)."""
        ltr, s = self.letter(t)
        if ltr == "B":
            return Node("ASGNB", (addr, Node("INDIRB", (value,))), max(s, 1))
        if ltr in "IU" and s < 4:
            value = self.cv(value, ltr, s)
        return Node("ASGN%s%d" % (ltr, s), (addr, value))

    def copy_block(self, dst: Node, src: Node, size: int) -> None:
        if size > 0:
            self.emit(Node("ASGNB", (dst, Node("INDIRB", (src,))), size))

    def copy_object(self, dst: Node, src: Node, t: Any) -> None:
        """Copy an object of type t (of variable size too: lower_vm)."""
        if has_variable_size(t):
            from lcc.ir import lower_vm
            lower_vm.copy(self, dst, src, t)
        else:
            self.copy_block(dst, src, t.size())

    # ---------------------------------------------------- conversions
    def cv(self, v: Node, dl: str, ds: int) -> Node:
        """CV of value tree v to letter dl, size ds (folding constants)."""
        sl, ss = v.op.letter, v.op.size
        if sl == dl and ss == ds:
            return v
        if v.op.operation == "CNST" and (ds >= 4 or dl == "F"):
            x = v.value
            if dl == "F":
                if ds == 16 and isinstance(x, int):
                    return self.ldouble_const(Fraction(x))
                return self.const(float(x), "F", ds)  # type: ignore[arg-type]
            if sl == "F":
                # gcc folds out-of-range conversions by saturating.
                try:
                    iv = int(x)  # type: ignore[arg-type]
                except (OverflowError, ValueError):
                    iv = None
                if iv is not None or x == x:
                    bits = ds * 8
                    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if dl == "I" \
                        else (0, (1 << bits) - 1)
                    if iv is None:
                        iv = hi if x > 0 else lo  # type: ignore[operator]
                    return self.const(min(max(iv, lo), hi), dl, ds)
            else:
                return self.const(x, dl, ds)
        return Node("CV%s%s%d" % (sl, dl, ds), (v,))

    def convert(self, v: Node, src: Any, dst: Any) -> Node:
        """Convert value tree v of C type src to C type dst (scalars)."""
        if dst.is_void:
            return v
        if is_bool(dst) and not is_bool(src):
            return self.to_bool(v)
        dl, ds = self.letter(dst)
        sl = v.op.letter
        if dl == "B" or sl == "B":
            return v
        if dl == "P":
            if sl == "P":
                return v
            if sl == "F":
                v = self.cv(v, "I", 8)
            elif v.op.size != 8:
                v = self.cv(v, sl, 8)
            return self.cv(v, "P", 8)
        if dl == "F":
            if sl == "P":
                v = self.cv(v, "U", 8)
            return self.cv(v, "F", ds)
        # integer destination
        if sl == "P":
            v = self.cv(v, "U", 8)
            sl = "U"
        if sl == "F":
            if ds < 4:
                v = self.cv(v, "I", 4)
            else:
                return self.cv(v, dl, ds)
        if ds < 4:
            if v.op.operation == "CNST":
                return self.const(wrap_int(int(v.value), dl, ds), dl, 4)  # type: ignore[arg-type]
            return Node("CV%s%s4" % (dl, dl), (Node("CV%s%s%d" % (v.op.letter, dl, ds), (v,)),))
        return self.cv(v, dl, ds)

    def to_bool(self, v: Node) -> Node:
        """0 or 1 (U4) from a scalar value tree: compare with 0."""
        ltr, s = v.op.letter, v.op.size
        if v.op.operation == "CNST":
            return self.const(1 if v.value else 0, "U", 4)
        t = self.new_temp("U", 4)
        self.write(t, self.const(1, "U", 4))
        done = self.new_label()
        self.emit(Node("NE%s%d" % (ltr, s), (v, self.zero(ltr, s)), done))
        self.write(t, self.const(0, "U", 4))
        self.start_block(done)
        return self.read(t)
