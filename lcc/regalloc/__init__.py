"""Register allocation: `allocate(mf, regs)` (see docs/regalloc.md).

liveness.py   live ranges per vreg and per physical register
assign.py     registers for ranges (priority-ordered linear scan over
              per-register range unions), move hints
spill.py      spill slots and the load/store rewriting
check.py      an abstract interpreter that verifies an allocation
"""
from __future__ import annotations

import os
from typing import Dict, List, Set

from lcc.mir import MFunction, PReg, Reg, RegOp, Mem, VReg
from lcc.regalloc.assign import AllocError, assign
from lcc.regalloc.liveness import analyse
from lcc.regalloc.spill import SlotPool, rewrite

__all__ = ["allocate", "AllocError"]

MAX_ROUNDS = 64


def allocate(mf: MFunction, regs: object, check: bool = False) -> None:
    """Replace every VReg of `mf` by a PReg, adding spill code as needed.

    check=True (or LCC_CHECK_REGALLOC=1 in the environment) verifies the
    result with lcc.regalloc.check before the redundant moves are deleted
    (deleting `r -> r` cannot change what any register holds)."""
    check = check or bool(os.environ.get("LCC_CHECK_REGALLOC"))
    snap = None
    if check:
        from lcc.regalloc.check import snapshot
        snap = snapshot(mf)
    assign_registers(mf, regs)
    if snap is not None:
        from lcc.regalloc.check import check_allocation
        check_allocation(snap, mf, regs)
    delete_moves(mf)


def assign_registers(mf: MFunction, regs: object) -> None:
    """All of `allocate` except deleting the moves that became `r -> r`."""
    allocatable: Dict[str, List[PReg]] = regs.allocatable  # type: ignore[attr-defined]
    alloc_names: Set[str] = set()
    for lst in allocatable.values():
        for p in lst:
            alloc_names.add(p.name)
    temps: Set[int] = set()
    spill_code: Set[int] = set()
    pool = SlotPool()
    lv = analyse(mf, alloc_names)
    if os.environ.get("LCC_REGALLOC_SPILLALL"):
        # Debugging aid: every vreg in memory, only the short-lived
        # temporaries in registers (a differential oracle for the real
        # allocation when a program misbehaves).
        rewrite(mf, regs, sorted(lv.cls), lv, temps, spill_code, pool)
    for _ in range(MAX_ROUNDS):
        assigned, spilled = assign(lv, allocatable, temps)
        if not spilled:
            break
        rewrite(mf, regs, spilled, lv, temps, spill_code, pool)
    else:
        raise AllocError("%s: allocation did not converge" % mf.name)
    finish(mf, regs, assigned)


class _Assigned(dict):  # type: ignore[type-arg]
    """The assignment; a vreg without one was never in any instruction's
    uses or defs (only in an operand): a selector bug, reported clearly."""
    def __missing__(self, n: int) -> PReg:
        raise AllocError("vreg %%v%d appears in an operand but in no uses/defs list" % n)


def finish(mf: MFunction, regs: object, assigned: Dict[int, PReg]) -> None:
    """Substitute the assignment, drop moves made redundant, record the
    callee-saved registers written."""
    assigned = _Assigned(assigned)
    mapping: Dict[VReg, Reg] = {}
    callee = {p.name for p in regs.callee_saved}  # type: ignore[attr-defined]
    used: Set[str] = set()
    for b in mf.blocks:
        for inst in b.insts:
            for r in inst.uses:
                if r.__class__ is VReg and r not in mapping:
                    mapping[r] = assigned[r.n]  # type: ignore[index]
            for r in inst.defs:
                if r.__class__ is VReg and r not in mapping:
                    mapping[r] = assigned[r.n]  # type: ignore[index]
            for op in inst.operands:
                if isinstance(op, RegOp):
                    if isinstance(op.reg, VReg) and op.reg not in mapping:
                        mapping[op.reg] = assigned[op.reg.n]
                elif isinstance(op, Mem):
                    for x in (op.base, op.index):
                        if isinstance(x, VReg) and x not in mapping:
                            mapping[x] = assigned[x.n]
            inst.replace_regs(mapping)
            for r in inst.defs:
                if r.name in callee:  # type: ignore[union-attr]
                    used.add(r.name)  # type: ignore[union-attr]
    order = [p for lst in regs.allocatable.values() for p in lst]  # type: ignore[attr-defined]
    mf.used_callee_saved = [p for p in order if p.name in used]


def delete_moves(mf: MFunction) -> None:
    for b in mf.blocks:
        b.insts = [i for i in b.insts if not (i.is_move and redundant(i))]


def redundant(inst) -> bool:  # type: ignore[no-untyped-def]
    """A copy of a register to itself that changes nothing: full-width
    moves only (movl %eax,%eax clears the upper half, so it stays)."""
    if len(inst.uses) != 1 or len(inst.defs) != 1:
        return False
    a = inst.uses[0]
    b = inst.defs[0]
    if a.__class__ is not PReg or b.__class__ is not PReg or a.name != b.name:
        return False
    for op in inst.operands:
        if isinstance(op, RegOp):
            if a.cls == "gpr" and op.size != 8:
                return False
        else:
            return False
    return True
