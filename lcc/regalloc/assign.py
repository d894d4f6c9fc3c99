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

from typing import Dict, List, Optional, Set, Tuple

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
    group, group_regs = copy_groups(hints, lv.cls)
    for _, _, k in order:
        ss = starts[k]
        es = ends[k]
        cls = lv.cls[k]
        got: Optional[PReg] = None
        for h in hints.get(k, ()):
            hp = by_name.get(h) if isinstance(h, str) else assigned.get(h)
            if hp is not None and hp.cls == cls and unions[hp.name].fits(ss, es):
                got = hp
                break
        g = group.get(k)
        if got is None and g is not None:
            # Registers of the copy-related vregs, then their fixed partners.
            for name in group_regs[g]:
                p = by_name[name]
                if p.cls == cls and unions[name].fits(ss, es):
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
        if g is not None:
            regs_g = group_regs[g]
            if got.name not in regs_g:
                # Assigned registers go before the fixed hints.
                group_regs[g] = {got.name: None, **regs_g}
    return assigned, spilled


def copy_groups(hints: Dict[Key, List[Key]], cls: Dict[int, str]
                ) -> Tuple[Dict[int, int], Dict[int, Dict[str, None]]]:
    """Vregs connected by copies (union-find over the move hints), and per
    group the physical registers its members are copied from or to: a
    value copied twice from %rdi at entry still prefers %rdi."""
    parent: Dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            nxt = parent.get(x, x)
            parent[x] = root
            x = nxt
        return root

    for k, hs in hints.items():
        if k.__class__ is str:
            continue
        for h in hs:
            if h.__class__ is not str:
                a = find(k)  # type: ignore[arg-type]
                b = find(h)  # type: ignore[arg-type]
                if a != b:
                    parent[a] = b
    group: Dict[int, int] = {}
    regs: Dict[int, Dict[str, None]] = {}
    for k in hints:
        if k.__class__ is str:
            continue
        r = find(k)  # type: ignore[arg-type]
        group[k] = r  # type: ignore[index]
        d = regs.setdefault(r, {})
        for h in hints[k]:
            if h.__class__ is str and len(d) < 16:
                d[h] = None  # type: ignore[index]
    return group, regs
