"""Bit-fields that do not fit one 8-byte load: `__int128 t:124` (any
bit-field of an __int128 type) and, in packed structs, `long long x:64`
starting inside a byte (9 bytes).

The field's bytes are read and written as 64-bit chunks (the last one only
as wide as the field reaches: a 13-byte field is an 8-byte and a 5-byte
access, the latter made of a 4-byte and a 1-byte one), so no byte outside
the field's storage is touched, as with gcc.  The field's value is worked
on in two 64-bit halves (lo, hi).

A value of an __int128 type is, as everywhere in the lowering
(lower_wide.py), the address of a 16-byte object holding it: `extract`
returns one (a fresh temporary) and `insert` takes one.  A value of a
narrower type is an ordinary value tree.
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from lcc.ir.lower_types import is_wide
from lcc.ir.tree import Node
from lcc.sema.types import IntType

_M64 = (1 << 64) - 1


def needed(m: Any) -> bool:
    """Whether bit-field member m is accessed here (not by lower_ops)."""
    return is_wide(m.type) or m.bit_offset + m.bit_width > 64


def _signed(m: Any) -> bool:
    return isinstance(m.type, IntType) and m.type.signed and m.type.kind != "_Bool"


def _at(lw: Any, addr: Node, off: int) -> Node:
    a = lw.clone(addr)
    return a if off == 0 else Node("ADDP8", (a, lw.const(off, "I", 8)))


def _pieces(k: int) -> List[Tuple[int, int]]:
    """(offset, size) of the power-of-two accesses making k bytes."""
    out = []
    off = 0
    for n in (8, 4, 2, 1):
        if k - off >= n:
            out.append((off, n))
            off += n
    return out


def _load(lw: Any, addr: Node, start: int, k: int) -> Node:
    """The k bytes at addr+start (k <= 8) as a U8 value tree."""
    x: Optional[Node] = None
    for off, n in _pieces(k):
        p = lw.cv(Node("INDIRU%d" % n, (_at(lw, addr, start + off),)), "U", 8)
        if off:
            p = Node("LSHU8", (p, lw.const(8 * off, "I", 4)))
        x = p if x is None else Node("BORU8", (x, p))
    assert x is not None
    return x


def _store(lw: Any, addr: Node, start: int, k: int, v: Node) -> None:
    """Store the low k bytes of U8 value tree v (stable) at addr+start."""
    for off, n in _pieces(k):
        p = lw.clone(v)
        if off:
            p = Node("RSHU8", (p, lw.const(8 * off, "I", 4)))
        lw.emit(Node("ASGNU%d" % n, (_at(lw, addr, start + off), lw.cv(p, "U", n))))


def _chunks(m: Any) -> List[int]:
    """The byte count of each 64-bit chunk of m's storage."""
    nb = (m.bit_offset + m.bit_width + 7) // 8
    return [min(8, nb - 8 * i) for i in range((nb + 7) // 8)]


def _shr(lw: Any, x: Node, n: int) -> Node:
    return Node("RSHU8", (x, lw.const(n, "I", 4))) if n else x


def _shl(lw: Any, x: Node, n: int) -> Node:
    return Node("LSHU8", (x, lw.const(n, "I", 4))) if n else x


def _or(a: Optional[Node], b: Optional[Node]) -> Optional[Node]:
    if a is None:
        return b
    if b is None:
        return a
    return Node("BORU8", (a, b))


def _fit(lw: Any, x: Node, width: int, signed: bool) -> Node:
    """U8 tree x cut to its low `width` bits, sign- or zero-extended."""
    if width >= 64:
        return x
    if signed:
        sh = lw.const(64 - width, "I", 4)
        y = lw.cv(Node("LSHU8", (x, sh)), "I", 8)
        return lw.cv(Node("RSHI8", (y, lw.const(64 - width, "I", 4))), "U", 8)
    return Node("BANDU8", (x, lw.const((1 << width) - 1, "U", 8)))


def _halves_value(lw: Any, lo: Node, hi: Optional[Node], m: Any) -> Tuple[Node, Node]:
    """The field's value (raw bits lo, hi; hi None when width <= 64) as the
    two stable halves of its type's 128-bit value."""
    width, signed = m.bit_width, _signed(m)
    if width <= 64:
        lo = lw.stable(_fit(lw, lo, width, signed))
        if signed:
            top = Node("RSHI8", (lw.cv(lw.clone(lo), "I", 8), lw.const(63, "I", 4)))
            return lo, lw.stable(lw.cv(top, "U", 8))
        return lo, lw.const(0, "U", 8)
    assert hi is not None
    return lw.stable(lo), lw.stable(_fit(lw, hi, width - 64, signed))


def _wide_temp(lw: Any, lo: Node, hi: Node) -> Node:
    tmp = Node("ADDRLP8", (), lw.new_mem(16, 16))
    lw.emit(Node("ASGNU8", (_at(lw, tmp, 0), lw.clone(lo))))
    lw.emit(Node("ASGNU8", (_at(lw, tmp, 8), lw.clone(hi))))
    return tmp


def extract(lw: Any, addr: Node, m: Any) -> Node:
    """The value of bit-field m stored at addr (see the module doc)."""
    addr = lw.stable(addr)
    off = m.bit_offset
    qs = [_load(lw, addr, 8 * i, k) for i, k in enumerate(_chunks(m))]
    if off and len(qs) > 1:
        qs = [qs[0]] + [lw.stable(q) for q in qs[1:]]
    halves: List[Optional[Node]] = []
    for i in range(2):
        if i >= len(qs):
            halves.append(None)
            continue
        x = _shr(lw, qs[i] if i == 0 else lw.clone(qs[i]), off)
        if off and i + 1 < len(qs):
            x = Node("BORU8", (x, _shl(lw, lw.clone(qs[i + 1]), 64 - off)))
        halves.append(x)
    lo = halves[0]
    assert lo is not None
    if is_wide(m.type):
        return _wide_temp(lw, *_halves_value(lw, lo, halves[1], m))
    # a narrower type (a packed `long long x:64` spanning 9 bytes)
    v = _fit(lw, lo, m.bit_width, _signed(m))
    ltr, s = lw.vletter(m.type)
    return lw.cv(lw.cv(v, "I" if _signed(m) else "U", 8), ltr, s)


def insert(lw: Any, addr: Node, m: Any, v: Node, want: bool) -> Optional[Node]:
    """Store v (of m's type: an address for __int128 types) into bit-field
    m at addr; the value the field then holds when want (for __int128
    types, the address of a temporary)."""
    addr = lw.stable(addr)
    width, off = m.bit_width, m.bit_offset
    wide = is_wide(m.type)
    if wide:
        v = lw.stable(v)
        lo = lw.stable(Node("INDIRU8", (_at(lw, v, 0),)))
        hi: Node = lw.stable(Node("INDIRU8", (_at(lw, v, 8),)))
    else:
        v = lw.stable(v)
        x = lw.clone(v)
        if x.op.letter == "P":
            x = lw.cv(x, "U", 8)
        lo = lw.stable(lw.cv(lw.cv(x, "U", x.op.size), "U", 8))
        hi = lw.const(0, "U", 8)
    if width <= 64:
        vlo = lw.stable(_fit(lw, lw.clone(lo), width, False))
        vhi: Optional[Node] = None
    else:
        vlo = lo
        vhi = lw.stable(_fit(lw, lw.clone(hi), width - 64, False))
    # the value shifted into place, chunk by chunk
    parts = [vlo, vhi, None]
    shifted: List[Optional[Node]] = []
    for i in range(3):
        x = _shl(lw, lw.clone(parts[i]), off) if parts[i] is not None else None
        if off and i > 0 and parts[i - 1] is not None:
            x = _or(x, _shr(lw, lw.clone(parts[i - 1]), 64 - off))  # type: ignore[arg-type]
        shifted.append(x)
    mask = ((1 << width) - 1) << off
    for i, k in enumerate(_chunks(m)):
        full = (1 << (8 * k)) - 1
        cm = (mask >> (64 * i)) & full
        if not cm:
            continue
        s = shifted[i]
        new = Node("BANDU8", (s, lw.const(cm, "U", 8))) if s is not None else \
            lw.const(0, "U", 8)
        if cm != full:
            old = Node("BANDU8", (_load(lw, addr, 8 * i, k), lw.const(full & ~cm, "U", 8)))
            new = Node("BORU8", (old, new))
        _store(lw, addr, 8 * i, k, lw.stable(new))
    if not want:
        return None
    if wide:
        return _wide_temp(lw, *_halves_value(lw, lw.clone(lo), lw.clone(hi), m))
    r = _fit(lw, lw.clone(lo), width, _signed(m))
    ltr, s = v.op.letter, v.op.size
    return lw.cv(lw.cv(r, "I" if _signed(m) else "U", 8), ltr, s)
