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

Frames past 2 GiB (`char s[1L << 40]`): x86-64 displacements and
immediates are signed 32-bit, so as gcc does the frame size and every slot
address out of that range are materialised with `movabsq` in %r11.
`regs_for(mf, regs)` keeps %r11 out of the allocation of such a function
(decided before allocation, from the locals' sizes); `finish` then
rewrites each far slot operand to `(%r11,index)` after a
`movabsq $off, %r11; leaq (%rbp,%r11), %r11` (lea: the flags survive).
"""
from __future__ import annotations

from typing import Any, List

from lcc.asm.cfi import sleb
from lcc.diagnostics import CompileError
from lcc.mir import Imm, MInst, Mem, RegOp
from lcc.target.x86_64.inline_asm import callee_saved_touched, render
from lcc.target.x86_64.regs import DWARF_REGS, P

MAX_ALIGN = 16
INT32 = (-(1 << 31), (1 << 31) - 1)
# Locals this large (in all) make a "huge" frame: %r11 is kept free for far
# slot addresses.  The margin below 2 GiB covers the slots added after the
# decision (spills, callee-saved registers, alignment padding).
HUGE_FRAME = (1 << 31) - (1 << 24)


def _fits(v: int) -> bool:
    return INT32[0] <= v <= INT32[1]


def is_huge(mf: Any) -> bool:
    return sum(max(s.size, 0) for s in mf.frame.slots) >= HUGE_FRAME


class _WithoutScratch:
    """A register description like `regs` with %r11 not allocatable."""

    def __init__(self, regs: Any) -> None:
        self._regs = regs
        self.allocatable = {c: [p for p in lst if p.name != "r11"]
                            for c, lst in regs.allocatable.items()}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._regs, name)


def regs_for(mf: Any, regs: Any) -> Any:
    """The register description to allocate mf with (see the module doc)."""
    if is_huge(mf):
        mf.info["far_scratch"] = True
        return _WithoutScratch(regs)
    return regs


def layout(mf: Any, max_align: int = MAX_ALIGN) -> int:
    """Give each slot of mf.frame an offset below %rbp; return the frame
    size N (a multiple of 16) to subtract from %rsp."""
    fixed = [s.offset for s in mf.frame.slots if s.offset is not None]
    cur = min(fixed + [0])
    slots = [s for s in mf.frame.slots if s.offset is None]
    # Most-aligned first: less padding between slots; slots of 2 GiB and
    # more last, so that the others stay within a 32-bit displacement.
    for s in sorted(slots, key=lambda s: (s.size >= HUGE_FRAME,
                                          -min(max(s.align, 1), max_align))):
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
                _cfi("def_cfa 10, 0"),
                MInst("andq", [Imm(-realign), RegOp(rsp, 8)]),
                MInst("subq", [Imm(realign - 16), RegOp(rsp, 8)]),
                MInst("pushq", [Mem(base=r10, disp=-8)])]
    pro += [MInst("pushq", [RegOp(rbp, 8)])]
    if realign:
        pro.append(_cfi_expression(6, 0))       # %rbp saved at 0(%rbp), as gcc
    else:
        pro += [_cfi("def_cfa_offset 16"), _cfi("offset 6, -16")]
    pro.append(MInst("movq", [RegOp(rsp, 8), RegOp(rbp, 8)]))
    if not realign:
        pro.append(_cfi("def_cfa_register 6"))
    if n and not _fits(n):
        r11 = P["r11"]
        pro += [MInst("movabsq", [Imm(-n), RegOp(r11, 8)]),
                MInst("addq", [RegOp(r11, 8), RegOp(rsp, 8)])]
    elif n:
        pro.append(MInst("subq", [Imm(n), RegOp(rsp, 8)]))
    if realign:
        pro.append(MInst("movq", [RegOp(r10, 8), Mem(base=rbp, disp=-8)]))
        # the CFA is the saved %r10: DW_CFA_def_cfa_expression
        # DW_OP_breg6 -8, DW_OP_deref (gcc's DRAP form)
        pro.append(_cfi("escape 0xf,0x3,0x76,0x78,0x6"))
    for r, s in saves:
        pro.append(MInst("movq", [RegOp(r, 8), Mem(slot=s)], uses=[r]))
        dw = DWARF_REGS[r.name]
        pro.append(_cfi_expression(dw, s.offset) if realign
                   else _cfi("offset %d, %d" % (dw, s.offset - 16)))
    if mf.blocks:
        mf.blocks[0].insts[0:0] = pro
    for b in mf.blocks:
        out: List[MInst] = []
        for ins in b.insts:
            if ins.op == "ret" and ins.text is None:
                first = len(out)
                for r, s in saves:
                    out.append(MInst("movq", [Mem(slot=s), RegOp(r, 8)], defs=[r]))
                if realign:
                    out.append(MInst("movq", [Mem(base=rbp, disp=-8), RegOp(r10, 8)]))
                # code after this return still has the frame
                out.append(_cfi("remember_state"))
                out.append(MInst("leave"))
                if realign:
                    out.append(_cfi("def_cfa 10, 0"))
                    out.append(MInst("leaq", [Mem(base=r10, disp=-8), RegOp(rsp, 8)]))
                out.append(_cfi("def_cfa 7, 8"))
                out.append(MInst("ret", ends_block=True))
                out.append(_cfi("restore_state"))
                out[first].loc = ins.loc        # the epilogue's -g line
            else:
                out.append(ins)
        b.insts = out
    _far_slots(mf)


def _cfi(text: str) -> MInst:
    """A call-frame directive (.eh_frame, as gcc's -fasynchronous-unwind-tables)."""
    return MInst("cfi", text="\t.cfi_" + text)


def _cfi_expression(reg: int, offset: int) -> MInst:
    """reg saved at offset(%rbp) where the CFA is not %rbp-based:
    DW_CFA_expression reg, {DW_OP_breg6 offset}."""
    expr = [0x76] + list(sleb(offset))
    return _cfi("escape " + ",".join("%#x" % b for b in [0x10, reg, len(expr)] + expr))


def _far_slots(mf: Any) -> None:
    """Rewrite the slot operands whose displacement does not fit in 32 bits
    to go through %r11 (see the module doc)."""
    r11 = P["r11"]
    for b in mf.blocks:
        out: List[MInst] = []
        for ins in b.insts:
            far = [o for o in ins.operands if isinstance(o, Mem) and o.slot is not None
                   and not _fits(o.slot.offset + o.disp)]
            if not far:
                out.append(ins)
                continue
            if len(far) > 1 or not mf.info.get("far_scratch") or _mentions(ins, "r11") \
                    or ins.text is not None:        # (asm text is rendered already)
                raise CompileError(None, "%s: stack frame too large for this "
                                         "instruction (not supported yet)" % mf.name)
            m = far[0]
            base = m.base if m.base is not None else P["rbp"]
            out.append(MInst("movabsq", [Imm(m.slot.offset + m.disp), RegOp(r11, 8)]))
            out.append(MInst("leaq", [Mem(base=base, index=r11), RegOp(r11, 8)]))
            # a new operand: Mem objects may be shared between instructions
            ins.operands[ins.operands.index(m)] = Mem(base=r11, index=m.index, scale=m.scale,
                                                       seg=m.seg)
            out.append(ins)
        b.insts = out


def _mentions(ins: MInst, name: str) -> bool:
    regs = list(ins.uses) + list(ins.defs)
    for o in ins.operands:
        if isinstance(o, RegOp):
            regs.append(o.reg)
        elif isinstance(o, Mem):
            regs += o.regs()
    return any(getattr(r, "name", None) == name for r in regs)


def _strip_rets(mf: Any) -> None:
    """A naked function's body is its asm; its `ret` pseudos vanish (gcc
    emits nothing after the asm either)."""
    for b in mf.blocks:
        b.insts = [i for i in b.insts if not (i.op == "ret" and i.text is None)]
    layout(mf)
    for ins in mf.insts():
        if ins.op in ("inline_asm", "inline_asm_basic"):
            render(ins)
