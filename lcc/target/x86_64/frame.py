"""Frame layout, prologue and epilogue, run after register allocation.

The frame (every function keeps %rbp as its frame pointer):

    16(%rbp)...   stack arguments (the caller's frame)
     8(%rbp)      return address
     0(%rbp)      the caller's %rbp
    below         every Slot of mf.frame (locals, spills, the va_list
                  save area, the saved callee-saved registers), at
                  negative offsets aligned to their alignment
    %rsp          16-aligned (N rounded up), so calls need no adjustment

%rbp is 16-aligned (the call pushed 8 bytes on a 16-aligned stack, the
prologue 8 more), so alignments up to 16 hold for rbp-relative offsets.
Slots asking for more are placed 16-aligned (a larger alignment would
need a realigned stack pointer, which this frame does not do).

`finish(mf)` sets every Slot.offset (the printer prints Mem(slot=s) as
`s.offset+disp(%rbp)`), puts the prologue at the start of the entry block
and replaces each `ret` pseudo-instruction by the epilogue.
"""
from __future__ import annotations

from typing import Any, List

from lcc.mir import Imm, MInst, Mem, RegOp
from lcc.target.x86_64.inline_asm import callee_saved_touched, render
from lcc.target.x86_64.regs import P

MAX_ALIGN = 16


def layout(mf: Any, max_align: int = MAX_ALIGN) -> int:
    """Give each slot of mf.frame an offset below %rbp; return the frame
    size N (a multiple of 16) to subtract from %rsp."""
    fixed = [s.offset for s in mf.frame.slots if s.offset is not None]
    cur = min(fixed + [0])
    slots = [s for s in mf.frame.slots if s.offset is None]
    # Most-aligned first: less padding between slots.
    for s in sorted(slots, key=lambda s: -min(max(s.align, 1), max_align)):
        a = min(max(s.align, 1), max_align)
        cur -= max(s.size, 0)
        cur = -((-cur + a - 1) // a * a)
        s.offset = cur
    lowest = min([cur] + [s.offset for s in mf.frame.slots if s.offset is not None])
    return (-lowest + 15) // 16 * 16


def finish(mf: Any) -> None:
    if mf.info.get("naked"):
        _strip_rets(mf)
        return
    saves = []
    regs = list(mf.used_callee_saved)
    for r in callee_saved_touched(mf):        # asm outputs/clobbers, fixed operands
        if all(r.name != s.name for s in regs):
            regs.append(r)
    for r in regs:
        saves.append((r, mf.frame.new_slot(8, 8, "save")))
    realign = int(mf.info.get("realign", 0))      # type: ignore[call-overload]
    if realign:
        keep = mf.frame.new_slot(8, 8, "save")    # the incoming %r10 (argument pointer)
        keep.offset = -8
    n = layout(mf, max(realign, MAX_ALIGN))
    for ins in mf.insts():
        if ins.op in ("inline_asm", "inline_asm_basic"):
            render(ins)
    rbp, rsp = P["rbp"], P["rsp"]
    r10 = P["r10"]
    pro: List[MInst] = []
    if realign:
        # gcc's realignment, arranged so that %rbp itself is aligned: %r10
        # keeps the address of the stack arguments, the return address is
        # copied next to the saved %rbp.
        pro += [MInst("leaq", [Mem(base=rsp, disp=8), RegOp(r10, 8)]),
                MInst("andq", [Imm(-realign), RegOp(rsp, 8)]),
                MInst("subq", [Imm(realign - 16), RegOp(rsp, 8)]),
                MInst("pushq", [Mem(base=r10, disp=-8)])]
    pro += [
        MInst("pushq", [RegOp(rbp, 8)]),
        MInst("movq", [RegOp(rsp, 8), RegOp(rbp, 8)]),
    ]
    if n:
        pro.append(MInst("subq", [Imm(n), RegOp(rsp, 8)]))
    if realign:
        pro.append(MInst("movq", [RegOp(r10, 8), Mem(base=rbp, disp=-8)]))
    for r, s in saves:
        pro.append(MInst("movq", [RegOp(r, 8), Mem(slot=s)], uses=[r]))
    if mf.blocks:
        mf.blocks[0].insts[0:0] = pro
    for b in mf.blocks:
        out: List[MInst] = []
        for ins in b.insts:
            if ins.op == "ret" and ins.text is None:
                for r, s in saves:
                    out.append(MInst("movq", [Mem(slot=s), RegOp(r, 8)], defs=[r]))
                if realign:
                    out.append(MInst("movq", [Mem(base=rbp, disp=-8), RegOp(r10, 8)]))
                out.append(MInst("leave"))
                if realign:
                    out.append(MInst("leaq", [Mem(base=r10, disp=-8), RegOp(rsp, 8)]))
                out.append(MInst("ret", ends_block=True))
            else:
                out.append(ins)
        b.insts = out


def _strip_rets(mf: Any) -> None:
    """A naked function's body is its asm; its `ret` pseudos vanish (gcc
    emits nothing after the asm either)."""
    for b in mf.blocks:
        b.insts = [i for i in b.insts if not (i.op == "ret" and i.text is None)]
    layout(mf)
    for ins in mf.insts():
        if ins.op in ("inline_asm", "inline_asm_basic"):
            render(ins)
