"""GNU variably modified structs and unions: run-time layout.

A struct or union declared in a function may have members of variable size
(`struct { char a[n]; int b; } s;`, RecordInfo.is_vm). Its alignment is
static, but its size and the offsets of the members after the first
variable one are known only when the declaration is reached. As for a VLA
type's size (Lowerer.eval_vla_sizes), lowering computes them there once into
temporaries, kept in `Lowerer.vla_size`: id(RecordInfo) -> its size,
id(VmSegment) -> the start of that segment of the struct (lcc/sema/layout.py
splits a variably modified struct in segments whose members have offsets
relative to the segment's start). A union's size is its largest member's
rounded up to its alignment.

Objects of these types live in ALLOCA blocks like VLAs; copies call memcpy;
as arguments they are passed by invisible reference (gcc's
ix86_pass_by_reference for types of variable size) and va_arg reads a
pointer.
"""
from __future__ import annotations

from typing import Any, List, Optional

from lcc import ast
from lcc.ir.tree import Node
from lcc.sema.types import FuncType, RecordType, has_variable_size


def _u8(lw: Any, v: int) -> Node:
    return lw.const(v, "U", 8)


def _round_up(lw: Any, n: Node, a: int) -> Node:
    """n rounded up to a multiple of a (a power of two), U8."""
    if a <= 1:
        return n
    return Node("BANDU8", (Node("ADDU8", (n, _u8(lw, a - 1))),
                           _u8(lw, (-a) & (2 ** 64 - 1))))


# ------------------------------------------------------- layout at run time
def eval_specs(lw: Any, specs: Any) -> None:
    """Lay out the variably modified structs/unions a declaration's
    specifiers define (inner definitions first), where it is reached."""
    for s in getattr(specs, "typespecs", None) or []:
        _eval_spec(lw, s)


def _eval_spec(lw: Any, s: Any) -> None:
    if not isinstance(s, ast.StructSpec) or not s.members:
        return
    for item in s.members:
        if isinstance(item, ast.StructMember):
            eval_specs(lw, item.specs)
    info = lw.analyzer.vm_specs.get(id(s))
    if info is not None:
        eval_layout(lw, info)


def eval_layout(lw: Any, info: Any) -> None:
    """Compute the size of `info` and the starts of its segments (see
    lcc/sema/layout.py) into temporaries (once per function)."""
    if id(info) in lw.vla_size:
        return
    lw.keep.append(info)
    for m in info.members:
        lw.eval_vla_sizes(m.type)   # (variably modified records too)
    if info.kind == "union":
        end = _union_size(lw, info)
    else:
        base: Optional[Node] = None     # segment 0 starts at 0
        for seg in info.vm_segments:
            x = _u8(lw, seg.offset)
            if seg.member is not None:
                x = Node("ADDU8", (x, lw.type_size(seg.member.type)))
            if base is not None:
                x = Node("ADDU8", (base, x))
            tmp = lw.temp_of(_round_up(lw, x, seg.align))
            lw.vla_size[id(seg)] = tmp
            lw.keep.append(seg)
            base = lw.read(tmp)
        end = _u8(lw, info.vm_tail)
        if base is not None:
            end = Node("ADDU8", (base, end))
    lw.vla_size[id(info)] = lw.temp_of(_round_up(lw, end, info.align))


def _union_size(lw: Any, info: Any) -> Node:
    """The largest member size (static ones folded first)."""
    static = max([m.type.size() if m.type.is_complete else 0 for m in info.members
                  if not has_variable_size(m.type)] or [0])
    res = lw.new_temp("U", 8)
    lw.write(res, _u8(lw, static))
    for m in info.members:
        if not has_variable_size(m.type):
            continue
        n = lw.stable(lw.type_size(m.type))
        keep = lw.new_label()
        lw.emit(Node("GEU8", (lw.read(res), lw.clone(n)), keep))
        lw.write(res, lw.clone(n))
        lw.start_block(keep)
    return lw.read(res)


# ------------------------------------------------------------------- uses
def record_size(lw: Any, info: Any) -> Node:
    """sizeof a variably modified record, U8."""
    eval_layout(lw, info)
    return lw.read(lw.vla_size[id(info)])


def member_offset(lw: Any, info: Any, path: List[Any]) -> Node:
    """The offset (U8) of the member reached by `path` (Members through
    anonymous ones) in the variably modified record `info`."""
    eval_layout(lw, info)
    off = _u8(lw, sum(m.offset for m in path))
    rec = info
    for m in path:
        if m.segment:
            # The offset is relative to the start of its segment.
            seg = rec.vm_segments[m.segment - 1]
            off = Node("ADDU8", (lw.read(lw.vla_size[id(seg)]), off))
        if isinstance(m.type, RecordType):
            rec = m.type.info
    return off


def member_addr(lw: Any, base: Node, info: Any, path: List[Any]) -> Node:
    """The address of that member of the record at base."""
    off = member_offset(lw, info, path)
    if off.op.operation == "CNST" and off.value == 0:
        return base
    return Node("ADDP8", (base, lw.cv(off, "I", 8)))


def block(lw: Any, key: Any, size: Node) -> Node:
    """A P8 temporary pointing at an ALLOCA block of `size` bytes for the
    object `key` (a VLA or variably modified object, a by-reference copy).
    The IR cannot restore the stack pointer when the object's scope is
    left, so code reached again (loops, goto back) reuses the previous
    block when it is big enough: that object's lifetime has ended. Blocks
    grow geometrically (cap += size)."""
    size = lw.stable(lw.cv(size, "U", 8))
    p = lw.vla_ptr.get(id(key))
    cap = lw.vla_cap.get(id(key))
    if p is None or cap is None:
        p = lw.new_temp("P", 8)
        cap = lw.new_temp("U", 8)
        lw.vla_cap[id(key)] = cap
        lw.entry_inits.append(Node("ASGNU8", (Node("ADDRLP8", (), cap), _u8(lw, 0))))
    reuse = lw.new_label()
    lw.emit(Node("LTU8", (lw.clone(size), lw.read(cap)), reuse))
    lw.write(cap, Node("ADDU8", (lw.clone(size), lw.read(cap))))
    lw.write(p, Node("ALLOCAP8", (lw.read(cap),)))
    lw.start_block(reuse)
    lw.vla_ptr[id(key)] = p
    lw.keep.append(key)
    return p


def copy(lw: Any, dst: Node, src: Node, t: Any) -> None:
    """Copy an object of variable size: a call to memcpy, as gcc does."""
    ts = lw.ts
    ft = FuncType(ts.voidp, [ts.voidp, ts.voidp, ts.ulong])
    lw.call(Node("ADDRGP8", (), "memcpy"), ft,
            [(dst, ts.voidp), (src, ts.voidp), (lw.type_size(t), ts.ulong)], ts.void)


def by_reference(lw: Any, a: Any) -> Node:
    """The argument value for expression a of variably modified type: the
    address of a copy (gcc passes variable-sized types by invisible
    reference on x86-64)."""
    src = lw.stable(lw.addr(a))
    p = block(lw, a, lw.type_size(a.type))
    copy(lw, lw.read(p), lw.clone(src), a.type)
    return lw.read(p)


class _PointerArg:
    """A va_arg of `void *` standing in for one of variable size."""

    def __init__(self, e: Any, ptr_type: Any) -> None:
        self.expr = e.expr
        self.loc = e.loc
        self.type = ptr_type


def va_arg_pointer(e: Any, ptr_type: Any) -> Any:
    return _PointerArg(e, ptr_type)
