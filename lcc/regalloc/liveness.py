"""Liveness and live ranges over an MFunction.

Positions: instruction number i (counting through the blocks in layout
order when liveness is computed) has four points:
  4i    where spill loads before it write their temporaries,
  4i+1  where it reads its uses,
  4i+2  where it writes its defs (and destroys its clobbers),
  4i+3  where spill stores after it read their temporaries.
Spill code added later gets no numbers of its own, so the ranges stay
valid across spill rounds and liveness is computed once.  A live range is
a half-open interval [s, e) of points:

  * a value defined at i starts at 4i+2; a def with no later use still
    gets [4i+2, 4i+3), so it occupies its register at that instruction;
  * a value read at j is live up to and including 4j+1, i.e. e = 4j+2;
    so a value whose last use is at i and a value defined at i do not
    overlap and may share a register (x86 instructions read all their
    operands before writing);
  * a value live out of a block whose last instruction is k is live up
    to 4k+4 (the next block's first point).

Registers are keyed by `VReg.n` (an int) and physical registers by name
(a str); physical registers the allocator does not hand out (%rsp, %rbp)
are ignored.  Global liveness is computed per register by walking up from
its upward-exposed uses (linear in the size of the result); the ranges are
then built by one backward scan of every block.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple, Union

from lcc.mir import MFunction, VReg

Key = Union[int, str]


class Liveness:
    """What the assigner needs: ranges, classes, weights and move hints."""
    __slots__ = ("starts", "ends", "cls", "weight", "hints", "npoints")

    def __init__(self) -> None:
        # Per register key, its ranges in ascending order (starts[k][j],
        # ends[k][j]); disjoint and non-adjacent.
        self.starts: Dict[Key, List[int]] = {}
        self.ends: Dict[Key, List[int]] = {}
        self.cls: Dict[int, str] = {}           # vreg key -> class
        self.weight: Dict[int, float] = {}      # vreg key -> spill cost estimate
        self.hints: Dict[Key, List[Key]] = {}   # move partners
        self.npoints = 0


def loop_depths(mf: MFunction, index: Dict[str, int]) -> List[int]:
    """Approximate loop depth per block: a back edge j -> i (i <= j in layout
    order) adds one to the blocks i..j.  Only used to weight spill costs."""
    n = len(mf.blocks)
    diff = [0] * (n + 1)
    for j, b in enumerate(mf.blocks):
        for s in b.succs:
            i = index[s]
            if i <= j:
                diff[i] += 1
                diff[j + 1] -= 1
    depth = []
    d = 0
    for i in range(n):
        d += diff[i]
        depth.append(d)
    return depth


def analyse(mf: MFunction, alloc_names: Set[str]) -> Liveness:
    blocks = mf.blocks
    nb = len(blocks)
    index: Dict[str, int] = {}
    for i, b in enumerate(blocks):
        index[b.label] = i
    preds: List[List[int]] = [[] for _ in range(nb)]
    for i, b in enumerate(blocks):
        for s in b.succs:
            j = index.get(s)
            if j is None:
                raise ValueError("regalloc: %s: block %s has unknown successor %s"
                                 % (mf.name, b.label, s))
            preds[j].append(i)

    def key(r: object) -> Optional[Key]:
        if r.__class__ is VReg:
            return r.n  # type: ignore[attr-defined]
        name = r.name  # type: ignore[attr-defined]
        return name if name in alloc_names else None

    # Per block: the registers it writes (kill) and, per register, the
    # blocks where it is read before being written (upward-exposed).
    kills: List[Set[Key]] = []
    exposed: Dict[Key, List[int]] = {}
    for bi, b in enumerate(blocks):
        written: Set[Key] = set()
        for inst in b.insts:
            for r in inst.uses:
                k = key(r)
                if k is not None and k not in written:
                    lst = exposed.get(k)
                    if lst is None:
                        exposed[k] = [bi]
                    elif lst[-1] != bi:
                        lst.append(bi)
            for r in inst.defs:
                k = key(r)
                if k is not None:
                    written.add(k)
            for r in inst.clobbers:
                if r.name in alloc_names:
                    written.add(r.name)
        kills.append(written)

    live_out: List[Set[Key]] = [set() for _ in range(nb)]
    for k, ublocks in exposed.items():
        work = list(ublocks)
        while work:
            bj = work.pop()
            for p in preds[bj]:
                lo = live_out[p]
                if k in lo:
                    continue
                lo.add(k)
                if k not in kills[p]:
                    work.append(p)

    lv = Liveness()
    starts = lv.starts
    ends = lv.ends
    cls = lv.cls
    weight = lv.weight
    hints = lv.hints
    depth = loop_depths(mf, index)

    # Ranges are produced backwards (last block first, each block bottom
    # up), so each register's lists are built in descending order and
    # reversed at the end.
    def add(k: Key, s: int, e: int) -> None:
        ss = starts.get(k)
        if ss is None:
            starts[k] = [s]
            ends[k] = [e]
            return
        es = ends[k]
        if e >= ss[-1]:          # touches or overlaps the earliest so far
            if s < ss[-1]:
                ss[-1] = s
            if e > es[-1]:
                es[-1] = e
        else:
            ss.append(s)
            es.append(e)

    firsts = []
    n = 0
    for b in blocks:
        firsts.append(n)
        n += len(b.insts)
    lv.npoints = 4 * n

    for bi in range(nb - 1, -1, -1):
        b = blocks[bi]
        bstart = 4 * firsts[bi]
        pos = bstart + 4 * len(b.insts)
        live: Dict[Key, int] = {}
        for k in live_out[bi]:
            live[k] = pos
        w = 10.0 ** min(depth[bi], 4)
        for inst in reversed(b.insts):
            pos -= 4
            d = pos + 2
            dkeys: List[Key] = []
            for r in inst.defs:
                # (key() inlined: this loop is the hot one)
                if r.__class__ is VReg:
                    k = r.n  # type: ignore[union-attr]
                    cls[k] = r.cls  # type: ignore[index]
                    weight[k] = weight.get(k, 0.0) + w  # type: ignore[index,call-overload]
                else:
                    k = r.name  # type: ignore[union-attr]
                    if k not in alloc_names:
                        continue
                dkeys.append(k)
                e = live.pop(k, None)
                add(k, d, d + 1 if e is None else e)
            for r in inst.clobbers:
                # A clobber ends the register's value like a def does.
                k = r.name
                if k in alloc_names and k not in dkeys:
                    e = live.pop(k, None)
                    add(k, d, d + 1 if e is None else e)
            for r in inst.uses:
                if r.__class__ is VReg:
                    k = r.n  # type: ignore[union-attr]
                    cls[k] = r.cls  # type: ignore[index]
                    weight[k] = weight.get(k, 0.0) + w  # type: ignore[index,call-overload]
                else:
                    k = r.name  # type: ignore[union-attr]
                    if k not in alloc_names:
                        continue
                if k not in live:
                    live[k] = d
            if inst.is_move and inst.uses and inst.defs:
                a = key(inst.defs[0])
                c = key(inst.uses[0])
                if a is not None and c is not None and a != c:
                    hints.setdefault(a, []).append(c)
                    hints.setdefault(c, []).append(a)
        for k, e in live.items():
            add(k, bstart, e)

    for k in starts:
        starts[k].reverse()
        ends[k].reverse()
    return lv


def ranges_of(lv: Liveness, k: Key) -> List[Tuple[int, int]]:
    """The ranges of one register as pairs (for tests and debugging)."""
    return list(zip(lv.starts.get(k, []), lv.ends.get(k, [])))
