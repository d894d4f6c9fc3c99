"""Struct and union layout as gcc does it on the three LP64 targets.

The three ABIs agree on everything except unnamed bit-fields: on AArch64
(AAPCS64) an unnamed bit-field's type contributes to the alignment of the
struct, on x86-64 and RISC-V it does not (gcc's `align_anon_bitfield`).

Bit-fields follow gcc's PCC_BITFIELD_TYPE_MATTERS rules: a bit-field is put
at the next free bit unless it would span more storage units of its type's
alignment than its type has (`excess_unit_span` in gcc's stor-layout.c),
in which case it moves to the next aligned unit. A zero-width bit-field
aligns the next field to its type. `packed` removes both rules for the field;
`#pragma pack(N)` caps every alignment at N bytes but keeps the span rule.

A variably modified struct (GNU: members of variable size) is laid out in
segments: segment 0 from offset 0, and a new one after each member of
variable size and wherever a member needs more alignment than the start of
the current segment is known to have. A member's `offset` is relative to
the start of its `segment`; `RecordInfo.vm_segments` says how each start
follows from the previous one and lcc/ir/lower_vm.py computes them at run
time. As in gcc, bit-fields at a variable offset skip the unit rule.

Result per Member: `offset` is the byte offset of the first byte holding
the member; for a bit-field, `bit_offset` is the position of its least
significant bit counted from bit 0 of that byte (little-endian order on all
three targets) and `bit_width` its width.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from lcc.sema.types import (ArrayType, Member, RecordInfo, RecordType, Type, VmSegment,
                             has_variable_size)


class FieldIn:
    """One member to lay out, with its layout attributes."""

    __slots__ = ("member", "align_attr", "packed")

    def __init__(self, member: Member, align_attr: Optional[int], packed: bool) -> None:
        self.member = member
        self.align_attr = align_attr   # aligned(N) / _Alignas on the member
        self.packed = packed           # packed on the member


def _round(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def _excess_unit_span(bitpos: int, width: int, align_bits: int, size_bits: int) -> bool:
    off = bitpos % align_bits
    return (off + width + align_bits - 1) // align_bits > size_bits // align_bits


def _unit_align(t: Type) -> int:
    """An alignment the size of type t is a multiple of (for the known
    alignment of the offset after a member of variable size)."""
    while isinstance(t, ArrayType) and t.is_vla:
        t = t.elem
    if isinstance(t, RecordType) and t.info.is_vm:
        return t.info.align
    n = t.size() if t.is_complete else 1
    return n & -n if n else 1 << 12


def layout_record(info: RecordInfo, fields: List[FieldIn], packed: bool,
                  align_attr: Optional[int], pack: Optional[int], target: str) -> None:
    """Fill in offsets, size and alignment of `info` from `fields`."""
    anon_bf_aligns = target == "aarch64"
    is_union = info.kind == "union"
    bitpos = 0          # next free bit (struct) / unused (union)
    size_bits = 0
    rec_align = 1
    members: List[Member] = []
    # Segments of a variably modified struct: after a member of variable
    # size, offsets are relative to a base known at run time (its known
    # alignment `known`, in bytes), as in gcc's place_field.
    segments: List[VmSegment] = []
    known = 0           # 0: static offsets (segment 0)

    def new_segment(seg: VmSegment, k: int) -> None:
        nonlocal bitpos, size_bits, known
        segments.append(seg)
        bitpos = size_bits = 0
        known = k

    for f in fields:
        m = f.member
        t = m.type
        fpacked = packed or f.packed
        tsize = t.size() if t.is_complete else 0
        talign = t.align()
        if m.bit_width is not None:
            width = m.bit_width
            ua = talign
            if pack:
                ua = min(ua, pack)
            if width == 0:
                # Aligns the next field to the type (or the pack cap).
                zalign = talign if not pack else min(talign, pack)
                if f.align_attr:
                    zalign = max(zalign, f.align_attr)
                if known and zalign > known and not is_union:
                    new_segment(VmSegment((bitpos + 7) // 8, None, zalign), zalign)
                start = 0 if is_union else bitpos
                start = _round(start, zalign * 8)
                if anon_bf_aligns:
                    rec_align = max(rec_align, zalign)
                if not is_union:
                    bitpos = start
                    # A trailing `:0` still pads the struct to its boundary.
                    size_bits = max(size_bits, start)
                m.offset, m.bit_offset = start // 8, start % 8
                m.segment = len(segments)
                continue   # zero-width bit-fields are not members
            if f.align_attr:
                a = f.align_attr if not pack else min(f.align_attr, pack)
                if known and a > known and not is_union:
                    new_segment(VmSegment((bitpos + 7) // 8, None, a), a)
            start = 0 if is_union else bitpos
            if f.align_attr:
                start = _round(start, a * 8)
                rec_align = max(rec_align, a)
            # (gcc does not apply the unit rule at a variable offset)
            if (not fpacked or pack) and not known:
                if _excess_unit_span(start, width, ua * 8, tsize * 8):
                    start = _round(start, ua * 8)
            if m.name is not None or anon_bf_aligns:
                ra = ua if not (fpacked and not pack) else 1
                rec_align = max(rec_align, ra)
            m.offset, m.bit_offset = start // 8, start % 8
            m.segment = len(segments)
            end = start + width
            if is_union:
                size_bits = max(size_bits, end)
            else:
                bitpos = end
                size_bits = max(size_bits, end)
            members.append(m)
            continue
        # An ordinary member.
        a = 1 if fpacked else talign
        if f.align_attr:
            a = max(a, f.align_attr)
        if pack:
            a = min(a, pack)
        rec_align = max(rec_align, a)
        m.layout_align = a
        if is_union:
            m.offset = 0
            size_bits = max(size_bits, tsize * 8)
        else:
            if known and a > known:
                new_segment(VmSegment((bitpos + 7) // 8, None, a), a)
            start = _round(bitpos, a * 8)
            m.offset = start // 8
            m.segment = len(segments)
            if isinstance(t, ArrayType) and t.length is None and t.vla is None:
                info.has_flex = True
            bitpos = start + tsize * 8
            size_bits = max(size_bits, bitpos)
            if has_variable_size(t):
                k = min(known or 1 << 12, a, _unit_align(t), m.offset & -m.offset or 1 << 12)
                new_segment(VmSegment(m.offset, m, 1), k)
        m.bit_offset = 0
        members.append(m)
    if align_attr:
        rec_align = max(rec_align, align_attr)
    info.members = members
    info.align = rec_align
    info.size = _round((size_bits + 7) // 8, rec_align)
    info.vm_segments = segments
    info.vm_tail = (size_bits + 7) // 8
    info.complete = True
    info.has_const = any(m.type.quals & 1 or (isinstance(m.type, RecordType)
                                                and m.type.info.has_const) for m in members)


def member_path(info: RecordInfo, name: str) -> Optional[Tuple[List[Member], int]]:
    return info.find(name)
