"""SysV x86-64 classification of C types (psABI 3.2.3).

`classify(ctype)` returns one class per eightbyte of the type:
"INTEGER", "SSE", "SSEUP", "X87", "X87UP", "NO_CLASS", or ["MEMORY"] when
the object travels in memory whatever its size.  `_Complex long double` is
the one-element ["COMPLEX_X87"] (returned in %st0/%st1, passed in memory).
A type of size 0 (empty struct, GNU) has no eightbytes: [].

The walk visits every scalar leaf of an aggregate at its absolute byte
offset and merges the leaf's class into the eightbytes it covers, which is
what the psABI's recursive rule amounts to (arrays are their elements
repeated, unions are their members at offset 0).  gcc's extra rules are
followed: a leaf not aligned to its own size makes the whole aggregate
MEMORY (packed structs), bit-fields are INTEGER for the eightbytes they
touch, zero-width bit-fields and flexible array members are ignored.
"""
from __future__ import annotations

from typing import Any, List, Optional

INTEGER, SSE, SSEUP, X87, X87UP = "INTEGER", "SSE", "SSEUP", "X87", "X87UP"
NO_CLASS, MEMORY, COMPLEX_X87 = "NO_CLASS", "MEMORY", "COMPLEX_X87"


class _Misaligned(Exception):
    """A leaf sits at an offset that is not a multiple of its alignment."""


def _merge(a: str, b: str) -> str:
    """The psABI's merge of two classes of one eightbyte (rule 4)."""
    if a == b:
        return a
    if a == NO_CLASS:
        return b
    if b == NO_CLASS:
        return a
    if MEMORY in (a, b):
        return MEMORY
    if INTEGER in (a, b):
        return INTEGER
    if a in (X87, X87UP, COMPLEX_X87) or b in (X87, X87UP, COMPLEX_X87):
        return MEMORY
    return SSE


def _scalar_classes(t: Any) -> Optional[List[str]]:
    """Classes of a non-aggregate type, or None if `t` is an aggregate."""
    if t.is_integer:
        return [INTEGER, INTEGER] if t.size() == 16 else [INTEGER]
    if t.is_pointer:
        return [INTEGER]
    if t.is_float:
        kind = t.kind
        if kind == "long double":
            return [COMPLEX_X87] if t.complex else [X87, X87UP]
        if kind == "_Float128":
            return [MEMORY] if t.complex else [SSE, SSEUP]
        if kind == "double" and t.complex:
            return [SSE, SSE]
        return [SSE]          # float, double, _Complex float (8 bytes, one eightbyte)
    if t.is_vector:
        n = t.size()
        if n <= 8:
            return [SSE]
        if n == 16:
            return [SSE, SSEUP]
        return [MEMORY]       # 32/64-byte vectors: memory without AVX
    return None


def _leaf_align(t: Any) -> int:
    """The alignment gcc requires of a leaf inside an aggregate passed in
    registers: the size of its machine mode (16 for x87 long double)."""
    if t.is_float:
        if t.kind == "long double":
            return 16
        return t.size() // 2 if t.complex else t.size()
    if t.is_vector:
        return min(t.size(), 16)
    return t.size()


def _walk(t: Any, off: int, classes: List[str]) -> None:
    """Merge the classes of `t` placed at byte `off` into `classes`."""
    if t.is_array:
        n = t.length or 0
        esz = t.elem.size()
        if esz == 0:
            return
        for i in range(n):
            _walk(t.elem, off + i * esz, classes)
        return
    if t.is_record:
        for m in t.info.members:
            if m.bit_width is not None:
                if m.bit_width == 0:
                    continue
                start = m.offset * 8 + m.bit_offset + off * 8
                end = start + m.bit_width
                for w in range(start // 64, (end + 63) // 64):
                    if w < len(classes):
                        classes[w] = _merge(classes[w], INTEGER)
                continue
            mt = m.type
            if mt.is_array and mt.length is None:
                continue        # flexible array member
            _walk(mt, off + m.offset, classes)
        return
    sc = _scalar_classes(t)
    if sc is None:
        raise ValueError("cannot classify %s" % (t,))
    a = _leaf_align(t)
    if a and off % a:
        raise _Misaligned()
    if sc == [COMPLEX_X87]:
        sc = [X87, X87UP, X87, X87UP]      # merges to MEMORY inside aggregates
    first = off // 8
    for i, c in enumerate(sc):
        if first + i < len(classes):
            classes[first + i] = _merge(classes[first + i], c)
    # A 4-byte leaf in the upper half of an eightbyte needs nothing more:
    # the class covers the whole eightbyte.


def classify(ctype: Any) -> List[str]:
    """SysV classes of `ctype`, one per eightbyte (see the module doc)."""
    t = ctype
    sc = _scalar_classes(t)
    if sc is not None:
        return list(sc)
    size = t.size()
    if size == 0:
        return []
    if size > 16:
        return [MEMORY]
    words = (size + 7) // 8
    classes = [NO_CLASS] * words
    try:
        _walk(t, 0, classes)
    except _Misaligned:
        return [MEMORY]
    for i, c in enumerate(classes):
        if c == MEMORY:
            return [MEMORY]
        if c == SSEUP and (i == 0 or classes[i - 1] not in (SSE, SSEUP)):
            classes[i] = SSE
        if c == X87UP and (i == 0 or classes[i - 1] != X87):
            return [MEMORY]
    return classes


def passed_in_memory(ctype: Any) -> bool:
    """True when an argument of this type goes on the stack whatever the
    registers left (MEMORY, X87 long double, COMPLEX_X87)."""
    cls = classify(ctype)
    return any(c in (MEMORY, X87, X87UP, COMPLEX_X87) for c in cls)


def returned_in_memory(ctype: Any) -> bool:
    """True when a return value of this type goes through the hidden
    pointer (MEMORY class)."""
    return classify(ctype) == [MEMORY]


def reg_counts(ctype: Any) -> tuple:
    """(INTEGER eightbytes, SSE eightbytes) an argument needs in registers
    (SSEUP rides with its SSE register)."""
    cls = classify(ctype)
    return cls.count(INTEGER), cls.count(SSE)
