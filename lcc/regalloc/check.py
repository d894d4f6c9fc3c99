"""An independent checker for register allocations.

`snapshot(mf)` records, before allocation, each instruction's original
uses and defs; `check_allocation(snap, mf, regs)` then interprets the
allocated code abstractly: for every physical register and spill slot it
tracks the set of original values (vregs, and the incoming values of the
physical registers the original code named) it is known to hold, along
all CFG paths (intersection at joins, iterated to a fixpoint).  Every
original use must read a location that holds the value its register had
in the original program.  Uses of values that are not defined on every
path (C reads of uninitialised variables) are not checked.

Spill loads/stores and copies the allocator added move values between
locations without creating new ones.  The check runs before `allocate`
deletes the moves that became register-to-itself copies (which changes
no location's contents), so every original instruction must be there.
The CFG is checked too: jump targets and fall-through among the succs.
Also checked: no VReg is left, and every callee-saved register written is
in `mf.used_callee_saved`.

Set LCC_CHECK_REGALLOC=1 to run it on every allocation.
"""
from __future__ import annotations

import heapq
from typing import Dict, FrozenSet, List, Optional, Set, Tuple, Union

from lcc.mir import MFunction, MInst, Mem, PReg, RegOp, VReg

Val = Union[int, str]
Loc = Union[str, Tuple[str, int]]
State = Dict[Loc, FrozenSet[Val]]


class CheckError(Exception):
    pass


class Orig:
    __slots__ = ("uses", "defs", "clobbers", "is_move")

    def __init__(self, inst: MInst) -> None:
        self.uses = list(inst.uses)
        self.defs = list(inst.defs)
        self.clobbers = list(inst.clobbers)
        self.is_move = inst.is_move


class Snapshot:
    __slots__ = ("orig", "blocks")

    def __init__(self) -> None:
        self.orig: Dict[int, Orig] = {}
        self.blocks: Dict[str, List[MInst]] = {}


def snapshot(mf: MFunction) -> Snapshot:
    snap = Snapshot()
    for b in mf.blocks:
        snap.blocks[b.label] = list(b.insts)
        for inst in b.insts:
            snap.orig[id(inst)] = Orig(inst)
    return snap


def _val(r: object) -> Val:
    if r.__class__ is VReg:
        return r.n  # type: ignore[attr-defined,no-any-return]
    return "P:" + r.name  # type: ignore[attr-defined,no-any-return]


def _slot_of(inst: MInst) -> Optional[Loc]:
    for op in inst.operands:
        if isinstance(op, Mem) and op.slot is not None and op.base is None:
            return ("slot", op.slot.n)
    return None


class _Interp:
    def __init__(self, snap: Snapshot, mf: MFunction, tracked: Set[str]) -> None:
        self.snap = snap
        self.mf = mf
        self.tracked = tracked
        self.errors: List[str] = []
        self.checking = False

    def fail(self, msg: str) -> None:
        if self.checking:
            self.errors.append("%s: %s" % (self.mf.name, msg))

    def set_def(self, st: State, defined: Set[Val], loc: str, val: Val,
                held: FrozenSet[Val]) -> None:
        stale = [l2 for l2, s in st.items() if val in s]
        for l2 in stale:
            st[l2] = st[l2] - {val}
        st[loc] = held | {val}
        defined.add(val)

    def orig_inst(self, st: State, defined: Set[Val], o: Orig, inst: MInst,
                  where: str) -> None:
        if len(inst.uses) != len(o.uses) or len(inst.defs) != len(o.defs):
            self.fail("%s: uses/defs changed shape: %r" % (where, inst))
            return
        for k, r in enumerate(o.uses):
            a = inst.uses[k]
            if a.__class__ is not PReg:
                self.fail("%s: %r still uses a vreg" % (where, inst))
                continue
            if r.__class__ is PReg and r.name not in self.tracked:
                continue
            if a.cls != r.cls:
                self.fail("%s: %r: %r in a %s register" % (where, inst, r, a.cls))
            v = _val(r)
            if v in defined and v not in st.get(a.name, frozenset()):
                self.fail("%s: %r reads %r from %%%s, which holds %s"
                          % (where, inst, r, a.name, sorted(map(str, st.get(a.name, ())))))
        held: FrozenSet[Val] = frozenset()
        if o.is_move and inst.uses and inst.uses[0].__class__ is PReg:
            held = st.get(inst.uses[0].name, frozenset())  # type: ignore[union-attr]
        for c in o.clobbers:
            # The register's original value is gone: garbage from here.
            cv = "P:" + c.name
            defined.discard(cv)
            for l2 in list(st):
                if cv in st[l2]:
                    st[l2] = st[l2] - {cv}
            st[c.name] = frozenset()
        for k, r in enumerate(o.defs):
            a = inst.defs[k]
            if a.__class__ is not PReg:
                self.fail("%s: %r still defines a vreg" % (where, inst))
                continue
            if r.__class__ is PReg and r.name not in self.tracked:
                continue
            self.set_def(st, defined, a.name, _val(r), held)

    def new_inst(self, st: State, inst: MInst, where: str) -> None:
        slot = _slot_of(inst)
        if slot is not None and len(inst.defs) == 1 and not inst.uses:
            st[inst.defs[0].name] = st.get(slot, frozenset())  # type: ignore[union-attr]
        elif slot is not None and len(inst.uses) == 1 and not inst.defs:
            st[slot] = st.get(inst.uses[0].name, frozenset())  # type: ignore[union-attr]
        elif inst.is_move:
            st[inst.defs[0].name] = st.get(inst.uses[0].name, frozenset())  # type: ignore
        else:
            self.fail("%s: unexpected instruction added by the allocator: %r" % (where, inst))

    def block(self, label: str, insts: List[MInst], st: State,
              defined: Set[Val]) -> None:
        orig_list = self.snap.blocks.get(label, [])
        oi = 0
        for n, inst in enumerate(insts):
            where = "%s#%d" % (label, n)
            o = self.snap.orig.get(id(inst))
            if o is None:
                self.new_inst(st, inst, where)
                continue
            if oi >= len(orig_list) or orig_list[oi] is not inst:
                self.fail("%s: original instructions lost or reordered at %r" % (where, inst))
                return
            oi += 1
            self.orig_inst(st, defined, o, inst, where)
        if oi != len(orig_list):
            self.fail("%s: original instructions lost at the end" % label)


def _rpo(mf: MFunction) -> Dict[str, int]:
    blocks = {b.label: b for b in mf.blocks}
    order: List[str] = []
    seen = {mf.blocks[0].label}
    stack = [(mf.blocks[0].label, iter(mf.blocks[0].succs))]
    while stack:
        lab, it = stack[-1]
        nxt = next(it, None)
        if nxt is None:
            stack.pop()
            order.append(lab)
        elif nxt not in seen and nxt in blocks:
            seen.add(nxt)
            stack.append((nxt, iter(blocks[nxt].succs)))
    order.reverse()
    return {lab: i for i, lab in enumerate(order)}


def check_allocation(snap: Snapshot, mf: MFunction, regs: object) -> None:
    """Raise CheckError listing the problems found (at most 20)."""
    tracked = {p.name for lst in regs.allocatable.values() for p in lst}  # type: ignore
    it = _Interp(snap, mf, tracked)
    blocks = {b.label: b for b in mf.blocks}
    if not mf.blocks:
        return
    entry_st: State = {n: frozenset(["P:" + n]) for n in tracked}
    entry_def: Set[Val] = {"P:" + n for n in tracked}
    ins: Dict[str, Tuple[State, Set[Val]]] = {mf.blocks[0].label: (entry_st, entry_def)}
    # Worklist in reverse postorder: each block is usually revisited only
    # as often as the loops around it need.
    rpo = _rpo(mf)
    work = [(rpo[mf.blocks[0].label], mf.blocks[0].label)]
    queued = {mf.blocks[0].label}
    while work:
        _, lab = heapq.heappop(work)
        queued.discard(lab)
        st, defined = ins[lab]
        st = dict(st)
        defined = set(defined)
        it.block(lab, blocks[lab].insts, st, defined)
        for s in blocks[lab].succs:
            old = ins.get(s)
            if old is None:
                new = (st, defined)
            else:
                ost, odef = old
                nst = {}
                for loc, vals in ost.items():
                    if loc in st:
                        inter = vals & st[loc]
                        if inter:
                            nst[loc] = inter
                new = (nst, odef & defined)
                if nst == ost and new[1] == odef:
                    continue
            ins[s] = (dict(new[0]), set(new[1]))
            if s not in queued:
                queued.add(s)
                heapq.heappush(work, (rpo.get(s, 0), s))
    it.checking = True
    for b in mf.blocks:
        if b.label in ins:
            st, defined = ins[b.label]
            it.block(b.label, b.insts, dict(st), set(defined))
    # The CFG both the allocator and this checker trust: every jump target
    # and the fall-through successor must be among the block's succs.
    for bi, b in enumerate(mf.blocks):
        succs = set(b.succs)
        for inst in b.insts:
            for t in inst.targets:
                if t not in succs:
                    it.errors.append("%s: %s jumps to %s, not in its succs %s"
                                     % (mf.name, b.label, t, b.succs))
        falls = not b.insts or not b.insts[-1].ends_block
        if falls and bi + 1 < len(mf.blocks) and mf.blocks[bi + 1].label not in succs:
            it.errors.append("%s: %s falls through to %s, not in its succs %s"
                             % (mf.name, b.label, mf.blocks[bi + 1].label, b.succs))
    callee = {p.name for p in regs.callee_saved}  # type: ignore[attr-defined]
    saved = {p.name for p in mf.used_callee_saved}
    for b in mf.blocks:
        for inst in b.insts:
            for r in list(inst.uses) + list(inst.defs):
                if r.__class__ is not PReg:
                    it.errors.append("%s: vreg left in %r" % (mf.name, inst))
            for op in inst.operands:
                regs_in = [op.reg] if isinstance(op, RegOp) else \
                    op.regs() if isinstance(op, Mem) else []
                for r in regs_in:
                    if r.__class__ is not PReg:
                        it.errors.append("%s: vreg left in operands of %r" % (mf.name, inst))
            o = snap.orig.get(id(inst))
            for r in inst.defs:
                if not isinstance(r, PReg) or r.name not in callee or r.name in saved:
                    continue
                # Callee-saved registers the original code itself names
                # (inline asm operands) are the frame's business.
                if o is None or all(not isinstance(d, PReg) or d.name != r.name
                                    for d in o.defs):
                    it.errors.append("%s: %%%s written but not in used_callee_saved"
                                     % (mf.name, r.name))
    if it.errors:
        raise CheckError("\n".join(it.errors[:20]))
