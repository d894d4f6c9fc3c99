"""Builtins lowered outside lower_builtins.py (which dispatches here
through HANDLERS): `__builtin_clear_padding`.

`__builtin_clear_padding(p)` zeroes the padding bits of the object p
points to, as gcc does: the bytes and bits of *p's type that hold no
member's value (in a union, no member's), the 6 bytes after an x87 long
double's 10, the bits of a bit-field's storage no named bit-field uses.  The
bits that hold values are described by a mask per byte (`value_mask`);
bytes of padding become zero stores, partly used bytes an AND with their
mask.  Arrays too large to unroll (and variable-length ones) get a loop
over their innermost elements.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from lcc.diagnostics import CompileError
from lcc.ir.tree import Node
from lcc.sema.types import ArrayType, FloatType, RecordType

# Above this many bytes an array's padding is cleared by a loop.
_UNROLL_BYTES = 64


def value_mask(t: Any, loc: Any, x87: bool = True) -> bytearray:
    """Per byte of fixed-size type t, the bits that belong to a value
    (x87: long double is the x87 80-bit format, as on x86-64)."""
    size = t.size()
    if isinstance(t, ArrayType):
        if t.is_vla:
            raise CompileError(loc, "'__builtin_clear_padding' on a variably modified "
                                    "member is not supported yet")
        n = t.length or 0
        return value_mask(t.elem, loc, x87) * n if n else bytearray()
    if isinstance(t, RecordType):
        if getattr(t.info, "is_vm", False):
            raise CompileError(loc, "'__builtin_clear_padding' on a variably modified "
                                    "struct is not supported yet")
        m = bytearray(size)
        for mem in t.info.members:
            if mem.bit_width is not None:
                if mem.name is None:
                    continue    # gcc: an unnamed bit-field's bits are padding
                first = mem.offset * 8 + mem.bit_offset
                for bit in range(first, first + mem.bit_width):
                    if bit // 8 < size:
                        m[bit // 8] |= 1 << (bit % 8)
                continue
            if isinstance(mem.type, ArrayType) and mem.type.length is None \
                    and not mem.type.is_vla:
                continue        # a flexible array member: not part of *p
            sub = value_mask(mem.type, loc, x87)
            for i, b in enumerate(sub):
                if mem.offset + i < size:
                    m[mem.offset + i] |= b
        return m
    if x87 and isinstance(t, FloatType) and t.kind == "long double" and \
            t.size() == (32 if t.complex else 16):
        # x87 extended: 10 value bytes then 6 of padding (per part if complex)
        part = bytearray(b"\xff" * 10 + b"\x00" * 6)
        return part * 2 if t.complex else part
    return bytearray(b"\xff" * size)


def _innermost(t: Any) -> Any:
    while isinstance(t, ArrayType):
        t = t.elem
    return t


def _zero_run(lw: Any, base: Node, off: int, n: int) -> None:
    """Zero stores over n bytes at base + off, widest first."""
    while n > 0:
        w = 8 if n >= 8 else 4 if n >= 4 else 2 if n >= 2 else 1
        lw.emit(Node("ASGNU%d" % w, (_at(lw, base, off), Node("CNSTU%d" % w, (), 0))))
        off += w
        n -= w


def _at(lw: Any, base: Node, off: int) -> Node:
    a = lw.clone(base)
    return Node("ADDP8", (a, Node("CNSTI8", (), off))) if off else a


def clear_mask(lw: Any, base: Node, mask: bytearray) -> None:
    """Clear the bits of the bytes at base (a stable address) that mask
    does not keep."""
    i = 0
    n = len(mask)
    while i < n:
        if mask[i] == 0xFF:
            i += 1
            continue
        if mask[i] == 0:
            j = i
            while j < n and mask[j] == 0:
                j += 1
            _zero_run(lw, base, i, j - i)
            i = j
            continue
        uc = lw.ts.uchar
        kept = Node("BANDU4", (lw.load(_at(lw, base, i), uc), Node("CNSTU4", (), mask[i])))
        lw.emit(lw.store(_at(lw, base, i), kept, uc))
        i += 1


def _loop(lw: Any, base: Node, count: Node, elem_size: int, mask: bytearray) -> None:
    """clear_mask on count consecutive elements of elem_size bytes."""
    p = lw.new_temp("P", 8)
    left = lw.new_temp("U", 8)
    lw.write(p, base)
    lw.write(left, count)
    top, body, done = lw.new_label(), lw.new_label(), lw.new_label()
    lw.start_block(top)
    lw.emit(Node("EQU8", (lw.read(left), Node("CNSTU8", (), 0)), done))
    lw.jump(body)
    lw.start_block(body)
    clear_mask(lw, lw.read(p), mask)
    lw.write(p, Node("ADDP8", (lw.read(p), Node("CNSTI8", (), elem_size))))
    lw.write(left, Node("SUBU8", (lw.read(left), Node("CNSTU8", (), 1))))
    lw.jump(top)
    lw.start_block(done)


def clear_padding(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    if len(args) != 1 or not args[0].type.is_pointer:
        raise CompileError(e.loc, "argument 1 in call to function '__builtin_clear_padding' "
                                  "does not have pointer type")
    t = args[0].type.target
    x87 = lw.target.name == "x86_64"
    base = lw.stable(lw.expr(args[0]))
    if isinstance(t, ArrayType) and (t.is_vla or t.size() > _UNROLL_BYTES):
        inner = _innermost(t)
        mask = value_mask(inner, e.loc, x87)
        if inner.size() == 0 or all(b == 0xFF for b in mask):
            return None
        if t.is_vla:
            total = lw.type_size(t)
            count = Node("DIVU8", (total, Node("CNSTU8", (), inner.size())))
        else:
            count = Node("CNSTU8", (), t.size() // inner.size())
        _loop(lw, base, count, inner.size(), mask)
        return None
    clear_mask(lw, base, value_mask(t, e.loc, x87))
    return None


HANDLERS: Dict[str, Callable[[Any, Any, str, List[Any]], Optional[Node]]] = {
    "clear_padding": clear_padding,
}

__all__: Tuple[str, ...] = ("HANDLERS", "value_mask", "clear_mask")
