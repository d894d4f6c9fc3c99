"""GNU vectors (`__attribute__((vector_size(N)))`), element by element.

A vector value lives in memory like the other wide types (lower_wide.py
calls these functions with addresses).  Arithmetic works on each element
in the element type (narrow elements in int, truncated when stored, which
gives the same bits); a scalar operand is converted to the element type
and used for every element.  Comparisons give -1 or 0 per element in the
signed integer type of the element's size.  Casts between a vector and a
vector or scalar of the same size reinterpret the bytes.
"""
from __future__ import annotations

from typing import Any, Optional

from lcc.diagnostics import CompileError
from lcc.ir.lower_types import is_wide
from lcc.ir.tree import Node
from lcc.sema.types import VectorType

_CMP = {"<": "LT", ">": "GT", "<=": "LE", ">=": "GE", "==": "EQ", "!=": "NE"}


def _at(lw: Any, a: Node, off: int) -> Node:
    a = lw.clone(a)
    return Node("ADDP8", (a, Node("CNSTI8", (), off))) if off else a


def _temp(lw: Any, t: Any) -> Node:
    return Node("ADDRLP8", (), lw.new_mem(t.size(), t.align()))


def _elem(lw: Any, v: Node, vt: Any, i: int, et: Any) -> Node:
    """Element i of operand v: a vector's address, or a scalar value tree
    (already converted to the element type)."""
    if isinstance(vt, VectorType):
        return lw.load(_at(lw, v, i * vt.elem.size()), vt.elem)
    return lw.clone(v)


def _wide() -> Any:
    from lcc.ir import lower_wide      # it imports this module
    return lower_wide


def _wide_elem(lw: Any, v: Node, vt: Any, i: int) -> Node:
    """Element i of operand v for wide (__int128) elements: an address."""
    if isinstance(vt, VectorType):
        return _at(lw, v, i * vt.elem.size())
    return lw.clone(v)


def _wide_arith(lw: Any, op: str, a: Node, at: Any, b: Node, bt: Any, t: Any,
                loc: Any) -> Node:
    """arith for vectors of __int128: lower_wide works on each element's
    address and gives the address of the result."""
    et = t.elem
    if op in ("<<", ">>"):
        raise CompileError(loc, "shift of a vector of '%s' is not supported yet" % et)
    if not isinstance(at, VectorType):
        a = lw.stable(_wide().convert(lw, a, at, et, loc))
    if not isinstance(bt, VectorType):
        b = lw.stable(_wide().convert(lw, b, bt, et, loc))
    r = _temp(lw, t)
    es = et.size()
    for i in range(t.length):
        v = _wide()._arith(lw, op, _wide_elem(lw, a, at, i), _wide_elem(lw, b, bt, i), et, loc)
        lw.copy_block(_at(lw, r, i * es), v, es)
    return r


def _wide_compare(lw: Any, op: str, a: Node, at: Any, b: Node, bt: Any, t: Any) -> Node:
    """compare for vectors of __int128: -1 or 0 in each 16-byte element."""
    vt = at if isinstance(at, VectorType) else bt
    et = vt.elem
    if not isinstance(at, VectorType):
        a = lw.stable(_wide().convert(lw, a, at, et))
    if not isinstance(bt, VectorType):
        b = lw.stable(_wide().convert(lw, b, bt, et))
    r = _temp(lw, t)
    es = t.elem.size()
    for i in range(vt.length):
        dst = _at(lw, r, i * es)
        yes, no, nxt = lw.new_label(), lw.new_label(), lw.new_label()
        _wide().compare_i128(lw, _CMP[op], _wide_elem(lw, a, at, i), _wide_elem(lw, b, bt, i),
                             et.signed, yes, no)
        for ok, lab in ((True, yes), (False, no)):
            lw.start_block(lab)
            lw.copy_block(lw.clone(dst), _wide()._const_wide(lw, -1 if ok else 0, t.elem), es)
            lw.jump(nxt)
        lw.start_block(nxt)
    return r


def scalar_operand(lw: Any, v: Node, st: Any, et: Any) -> Node:
    """A scalar operand converted to the element type, evaluated once."""
    return lw.stable(lw.convert(v, st, et))


def arith(lw: Any, op: str, a: Node, at: Any, b: Node, bt: Any, t: Any, loc: Any) -> Node:
    """a op b element-wise; t is the vector result type."""
    et = t.elem
    if is_wide(et):
        return _wide_arith(lw, op, a, at, b, bt, t, loc)
    if not isinstance(at, VectorType):
        a = scalar_operand(lw, a, at, et)
    if not isinstance(bt, VectorType):
        b = scalar_operand(lw, b, bt, et if op not in ("<<", ">>") else bt)
    r = _temp(lw, t)
    es = et.size()
    for i in range(t.length):
        x = _elem(lw, a, at, i, et)
        y = _elem(lw, b, bt, i, et)
        if op in ("<<", ">>") and isinstance(bt, VectorType):
            y = lw.convert(y, bt.elem, lw.ts.int_)
        lw.emit(lw.store(_at(lw, r, i * es), lw.arith(op, x, y, et), et))
    return r


def compare(lw: Any, op: str, a: Node, at: Any, b: Node, bt: Any, t: Any) -> Node:
    """Element-wise comparison: -1 where true, else 0 (t: the result type)."""
    vt = at if isinstance(at, VectorType) else bt
    et = vt.elem
    if is_wide(et):
        return _wide_compare(lw, op, a, at, b, bt, t)
    if not isinstance(at, VectorType):
        a = scalar_operand(lw, a, at, et)
    if not isinstance(bt, VectorType):
        b = scalar_operand(lw, b, bt, et)
    r = _temp(lw, t)
    rs = t.elem.size()
    for i in range(vt.length):
        x = _elem(lw, a, at, i, et)
        y = _elem(lw, b, bt, i, et)
        x, y = lw.compare_operands(x, y)
        dst = _at(lw, r, i * rs)
        lw.emit(lw.store(dst, lw.iconst(0, t.elem), t.elem))
        yes, nxt = lw.new_label(), lw.new_label()
        lw.emit(Node("%s%s%d" % (_CMP[op], x.op.letter, x.op.size), (x, y), yes))
        lw.jump(nxt)
        lw.start_block(yes)
        lw.emit(lw.store(_at(lw, r, i * rs), lw.iconst(-1, t.elem), t.elem))
        lw.start_block(nxt)
    return r


def unary(lw: Any, op: str, a: Node, t: Any, loc: Any) -> Node:
    et = t.elem
    r = _temp(lw, t)
    es = et.size()
    if is_wide(et) and op in ("-", "~"):
        # __int128 elements, by lower_wide: -x is 0 - x, ~x is x ^ -1
        k = _wide()._const_wide(lw, 0 if op == "-" else -1, et)
        for i in range(t.length):
            x = _at(lw, a, i * es)
            v = _wide()._arith(lw, op.replace("~", "^"), *((k, x) if op == "-" else (x, k)),
                               et, loc)
            lw.copy_block(_at(lw, r, i * es), v, es)
        return r
    for i in range(t.length):
        x = lw.load(_at(lw, a, i * es), et)
        lt, s = x.op.letter, x.op.size
        if op == "-":
            y = Node("NEG%s%d" % (lt, s), (x,)) if lt != "U" else \
                Node("SUBU%d" % s, (lw.zero("U", s), x))
        elif op == "~":
            y = Node("BCOM%s%d" % (lt, s), (x,))
        else:
            raise CompileError(loc, "unary %s on vectors is not supported yet" % op)
        lw.emit(lw.store(_at(lw, r, i * es), y, et))
    return r


def convert(lw: Any, v: Node, st: Any, dt: Any, loc: Any) -> Optional[Node]:
    """Bit casts to and from vectors; None when neither type is a vector."""
    if not isinstance(st, VectorType) and not isinstance(dt, VectorType):
        return None
    if isinstance(st, VectorType) and isinstance(dt, VectorType):
        if st.size() != dt.size():
            raise CompileError(loc, "can't convert a vector of type '%s' to type '%s' "
                                    "which has different size" % (st, dt))
        return v
    if isinstance(dt, VectorType):
        r = _temp(lw, dt)
        if st.size() == dt.size():
            if st.is_scalar:
                lw.emit(lw.store(lw.clone(r), v, st))
            else:
                lw.copy_block(lw.clone(r), v, dt.size())
            return r
        # GNU: a scalar used for every element
        x = scalar_operand(lw, v, st, dt.elem)
        es = dt.elem.size()
        for i in range(dt.length):
            lw.emit(lw.store(_at(lw, r, i * es), lw.clone(x), dt.elem))
        return r
    if dt.is_void:
        return lw.zero("I", 4)
    if st.size() != dt.size():
        raise CompileError(loc, "can't convert a value of type '%s' to vector type '%s'"
                                % (st, dt))
    return lw.load(v, dt)


def convertvector(lw: Any, v: Node, st: Any, dt: Any) -> Node:
    """__builtin_convertvector: element-wise conversion."""
    r = _temp(lw, dt)
    for i in range(dt.length):
        x = lw.load(_at(lw, v, i * st.elem.size()), st.elem)
        lw.emit(lw.store(_at(lw, r, i * dt.elem.size()),
                         lw.convert(x, st.elem, dt.elem), dt.elem))
    return r


def shuffle(lw: Any, vecs: Any, vt: Any, mask: Node, mt: Any, t: Any) -> Node:
    """__builtin_shuffle(a[, b], mask): r[i] = (a ++ b)[mask[i] mod 2n]."""
    n = vt.length
    total = n * len(vecs)
    es = vt.elem.size()
    r = _temp(lw, t)
    buf = _temp(lw, VectorType(vt.elem, vt.size() * len(vecs)))
    for k, v in enumerate(vecs):
        lw.copy_block(_at(lw, buf, k * vt.size()), v, vt.size())
    ms = mt.elem.size()
    for i in range(t.length):
        idx = lw.convert(lw.load(_at(lw, mask, i * ms), mt.elem), mt.elem, lw.ts.ulong)
        idx = Node("BANDU8", (idx, Node("CNSTU8", (), total - 1)))
        src = Node("ADDP8", (lw.clone(buf), Node("MULU8", (idx, Node("CNSTU8", (), es)))))
        lw.emit(lw.store(_at(lw, r, i * es), lw.load(src, vt.elem), vt.elem))
    return r
