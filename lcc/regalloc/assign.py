"""Assigning physical registers to live ranges.

Each physical register keeps the union of the ranges already given to it
(a byte per point): the ranges of the fixed uses of that register
(argument and return registers, %rcx of shifts, ...), the points where
calls clobber it, and the vregs assigned to it.  A vreg fits a register
when none of its ranges meets that union; checking is a memchr over the
vreg's own points, so the pass costs O(sum of range lengths x registers
tried), with no scan over the other intervals.

Vregs are taken in priority order, a variant of linear scan over ranges
with holes (the "live range union" form): spill temporaries first (they
must never fail), then by spill cost per point of live range, heaviest
first, so that under pressure the long rarely-used ranges are the ones
spilled.  For each vreg the move partners' registers (hints) are tried
first, then the target's preference order (caller-saved first; a vreg
live across a call meets the call's clobber points in every caller-saved
register and so lands in a callee-saved one, or is spilled).
"""
from __future__ import annotations

from typing import Dict, List, Set, Tuple

from lcc.mir import PReg
from lcc.regalloc.liveness import Key, Liveness


class RegUnion:
    """The points of one physical register already taken, one byte per
    point: checking or marking a range is a C-level memchr/memset over the
    range, so the cost is linear in the ranges' lengths, not in the
    number of ranges already placed."""
    __slots__ = ("occ", "ones")

    def __init__(self, npoints: int, ones: bytes) -> None:
        self.occ = bytearray(npoints)
        self.ones = ones

    def fits(self, ss: List[int], es: List[int]) -> bool:
        find = self.occ.find
        for j in range(len(ss)):
            if find(1, ss[j], es[j]) >= 0:
                return False
        return True

    def add(self, ss: List[int], es: List[int]) -> None:
        occ = self.occ
        ones = self.ones
        for j in range(len(ss)):
            s = ss[j]
            e = es[j]
            occ[s:e] = ones[:e - s]


class AllocError(Exception):
    """The allocator could not place a spill temporary (an instruction
    needs more registers than exist at its point)."""


def assign(lv: Liveness, allocatable: Dict[str, List[PReg]], temps: Set[int],
           fixed_ok: bool = True) -> Tuple[Dict[int, PReg], List[int]]:
    """Give every vreg of `lv` a register or put it on the spill list."""
    unions: Dict[str, RegUnion] = {}
    by_name: Dict[str, PReg] = {}
    npoints = lv.npoints + 2
    ones = b"\x01" * npoints
    for regs in allocatable.values():
        for p in regs:
            unions[p.name] = RegUnion(npoints, ones)
            by_name[p.name] = p
    starts = lv.starts
    ends = lv.ends
    for k in starts:
        if k.__class__ is str:
            unions[k].add(starts[k], ends[k])  # type: ignore[index]

    order: List[Tuple[float, int, int]] = []
    for k, c in lv.cls.items():
        ss = starts[k]
        if k in temps:
            prio = -1e300
        else:
            span = 0
            es = ends[k]
            for j in range(len(ss)):
                span += es[j] - ss[j]
            prio = -lv.weight.get(k, 0.0) / (span + 1)
        order.append((prio, ss[0], k))
    order.sort()

    assigned: Dict[int, PReg] = {}
    spilled: List[int] = []
    hints = lv.hints
    for _, _, k in order:
        ss = starts[k]
        es = ends[k]
        cls = lv.cls[k]
        got = None
        for h in hints.get(k, ()):
            p = by_name.get(h) if h.__class__ is str else assigned.get(h)  # type: ignore[arg-type]
            if p is not None and p.cls == cls and unions[p.name].fits(ss, es):
                got = p
                break
        if got is None:
            for p in allocatable[cls]:
                if unions[p.name].fits(ss, es):
                    got = p
                    break
        if got is None:
            if k in temps:
                raise AllocError("no register for spill temporary %%v%d at point %d"
                                 % (k, ss[0]))
            spilled.append(k)
            continue
        assigned[k] = got
        unions[got.name].add(ss, es)
    return assigned, spilled
