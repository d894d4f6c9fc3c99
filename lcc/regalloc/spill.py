"""Spill code: a spilled vreg lives in a stack slot; every instruction
that reads or writes it gets a fresh short-lived vreg instead, loaded from
the slot just before (when read) and stored just after (when written).
A two-address instruction (the vreg in both uses and defs) gets one
temporary for both.  The temporaries' ranges span at most the load, the
instruction and the store (points 4i..4i+4, see liveness.py), and the
assigner places them first, so they never spill again."""
from __future__ import annotations

from bisect import bisect_right
from typing import Dict, List, Optional, Set, Tuple

from lcc.diagnostics import CompileError
from lcc.mir import MFunction, MInst, Mem, RegOp, Slot, VReg
from lcc.regalloc.liveness import Liveness


def clone_operands(inst: MInst) -> None:
    """Give `inst` its own operand objects: the selector may share a RegOp
    or Mem between instructions, and substituting a temporary in one must
    not reach the others."""
    new = []
    for op in inst.operands:
        if isinstance(op, RegOp):
            op = RegOp(op.reg, op.size)
        elif isinstance(op, Mem):
            op = Mem(op.base, op.index, op.scale, op.disp, op.sym, op.slot, op.seg, op.reloc)
        new.append(op)
    inst.operands = new


def substitute(inst: MInst, sub: Dict[int, VReg]) -> None:
    """Replace vregs by number (objects with the same number are one vreg)."""
    def s(r):  # type: ignore[no-untyped-def]
        if r.__class__ is VReg and r.n in sub:
            return sub[r.n]
        return r
    clone_operands(inst)
    for op in inst.operands:
        if isinstance(op, RegOp):
            op.reg = s(op.reg)
        elif isinstance(op, Mem):
            if op.base is not None:
                op.base = s(op.base)
            if op.index is not None:
                op.index = s(op.index)
    inst.uses = [s(r) for r in inst.uses]
    inst.defs = [s(r) for r in inst.defs]


class SlotPool:
    """Spill slots shared by spilled vregs whose live ranges are disjoint
    (a value is in its slot only within its range: stored at its defs,
    loaded at its uses).  Each slot keeps the sorted ranges of its vregs;
    only the last few slots of a class are tried, to stay linear."""
    TRY = 8

    def __init__(self) -> None:
        self.by_cls: Dict[str, List[Tuple[Slot, List[int], List[int]]]] = {}

    def get(self, mf: MFunction, size: int, cls: str, ss: List[int], es: List[int]) -> Slot:
        lst = self.by_cls.setdefault(cls, [])
        for slot, us, ue in lst[-self.TRY:]:
            if _disjoint(us, ue, ss, es):
                for j in range(len(ss)):
                    i = bisect_right(us, ss[j])
                    us.insert(i, ss[j])
                    ue.insert(i, es[j])
                return slot
        slot = mf.frame.new_slot(size, size, "spill")
        lst.append((slot, list(ss), list(es)))
        return slot


def _disjoint(us: List[int], ue: List[int], ss: List[int], es: List[int]) -> bool:
    n = len(us)
    for j in range(len(ss)):
        s = ss[j]
        i = bisect_right(us, s)
        if i > 0 and ue[i - 1] > s:
            return False
        if i < n and us[i] < es[j]:
            return False
    return True


def rewrite(mf: MFunction, regs: object, spilled: List[int], lv: Liveness,
            temps: Set[int], spill_code: Set[int], pool: Optional[SlotPool] = None) -> None:
    """Rewrite the references to `spilled` and update `lv` in place: the
    spilled vregs' ranges go, the temporaries' ranges come (instruction i
    keeps its liveness number, counted over the instructions that are not
    spill code, whose ids are in `spill_code`)."""
    slots: Dict[int, Slot] = {}
    cls = lv.cls
    if pool is None:
        pool = SlotPool()
    for k in spilled:
        size = regs.spill_size[cls[k]]  # type: ignore[attr-defined]
        slots[k] = pool.get(mf, size, cls[k], lv.starts[k], lv.ends[k])
        del lv.starts[k]
        del lv.ends[k]
    starts = lv.starts
    ends = lv.ends
    hints = lv.hints
    i = -1
    for b in mf.blocks:
        out: List[MInst] = []
        for inst in b.insts:
            if id(inst) in spill_code:
                out.append(inst)
                continue
            i += 1
            hit = None
            for r in inst.uses:
                if r.__class__ is VReg and r.n in slots:
                    hit = True
                    break
            if hit is None:
                for r in inst.defs:
                    if r.__class__ is VReg and r.n in slots:
                        hit = True
                        break
            if hit is None:
                out.append(inst)
                continue
            sub: Dict[int, VReg] = {}
            loads: List[MInst] = []
            stores: List[MInst] = []
            for r in inst.uses:
                if r.__class__ is VReg and r.n in slots and r.n not in sub:
                    t = mf.new_vreg(r.cls)
                    sub[r.n] = t
                    loads.append(regs.spill_load(t, slots[r.n]))  # type: ignore[attr-defined]
                    _temp(lv, temps, t, 4 * i, 4 * i + 2)
            stored: Set[int] = set()
            for r in inst.defs:
                if r.__class__ is VReg and r.n in slots and r.n not in stored:
                    if inst.targets or inst.ends_block:
                        # asm goto with outputs: the store would have to go
                        # on every outgoing edge.
                        raise CompileError(None, "%s: spilling an output of a jumping "
                                           "instruction (asm goto with outputs) is not "
                                           "supported yet" % mf.name)
                    stored.add(r.n)
                    if r.n not in sub:
                        t = mf.new_vreg(r.cls)
                        sub[r.n] = t
                        _temp(lv, temps, t, 4 * i + 2, 4 * i + 4)
                    else:
                        t = sub[r.n]
                        ends[t.n][0] = 4 * i + 4     # read, written, stored
                    stores.append(regs.spill_store(t, slots[r.n]))  # type: ignore[attr-defined]
            if inst.is_move and inst.uses and inst.defs:
                # Keep the copy's hint: a temporary loaded for `mov v, %rdi`
                # prefers %rdi.
                u = inst.uses[0]
                d = inst.defs[0]
                for a, c in ((u, d), (d, u)):
                    if a.__class__ is VReg and a.n in sub:
                        t = sub[a.n]
                        other = c.n if c.__class__ is VReg else c.name  # type: ignore
                        if c.__class__ is VReg and c.n in sub:
                            other = sub[c.n].n
                        hints[t.n] = [other]
            substitute(inst, sub)
            for x in loads:
                spill_code.add(id(x))
            for x in stores:
                spill_code.add(id(x))
            out.extend(loads)
            out.append(inst)
            out.extend(stores)
        b.insts = out
    for k in spilled:
        lv.cls.pop(k, None)
        lv.hints.pop(k, None)
    del starts  # (names kept short in the loop above)


def _temp(lv: Liveness, temps: Set[int], t: VReg, s: int, e: int) -> None:
    temps.add(t.n)
    lv.starts[t.n] = [s]
    lv.ends[t.n] = [e]
    lv.cls[t.n] = t.cls
