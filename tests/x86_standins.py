"""Test stand-ins for the pieces around the x86-64 selector.

So the selector can be tested alone: a SysV subset ABI (scalar register
parameters and returns, direct calls with scalar arguments), a
spill-everything register allocator and a minimal frame.  Also builds IR
Functions from text (one tree per line, `label:` lines start blocks).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

from lcc.ir.func import Block, CallSite, Function, Local
from lcc.ir.tree import parse_tree
from lcc.mir import MFunction, MInst, Mem, PReg, RegOp, Slot, SymOp, VReg
from lcc.target.x86_64.regs import CALLER_SAVED, INT_ARGS, P, SSE_ARGS

# ------------------------------------------------------------------ IR


def make_function(name: str, params: Sequence[str], body: str,
                  locals_: Sequence[str] = ()) -> Function:
    """params/locals: "a:I4" (kept in a register) or "a:I4:mem" or "buf:B64:mem"."""
    fn = Function(name, None)
    for i, spec in enumerate(list(params) + list(locals_)):
        parts = spec.split(":")
        pname, ty = parts[0], parts[1]
        mem = len(parts) > 2 and parts[2] == "mem"
        letter, size = ty[0], int(ty[1:])
        align = min(size, 16) if letter != "B" else 16
        loc = Local(pname, size, align, reg=not mem and letter != "B", letter=letter,
                    nbytes=size, param=i if i < len(params) else -1)
        fn.locals[pname] = loc
        if i < len(params):
            fn.params.append(loc)
    block: Optional[Block] = None
    for raw in body.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.endswith(":"):
            block = Block(line[:-1])
            fn.blocks.append(block)
            continue
        if block is None:
            block = Block(".L_%s_entry" % name)
            fn.blocks.append(block)
        block.trees.append(parse_tree(line))
    return fn


# ------------------------------------------------------------------ ABI subset


class StandInABI:
    """Scalar parameters in registers, scalar returns, direct scalar calls."""

    @staticmethod
    def emit_params(sel) -> None:
        ni = nf = 0
        for p in sel.fn.params:
            h = sel.home(p.name)
            if p.letter == "F":
                src = SSE_ARGS[nf]
                nf += 1
                if isinstance(h, VReg):
                    sel.emit(MInst("movaps", [RegOp(src, 16), RegOp(h, 16)], uses=[src],
                                   defs=[h], is_move=True))
                else:
                    sel.inst("movsd" if p.nbytes == 8 else "movss", RegOp(src, 16), h)
            else:
                src = INT_ARGS[ni]
                ni += 1
                if isinstance(h, VReg):
                    sel.emit(MInst("movq", [RegOp(src, 8), RegOp(h, 8)], uses=[src],
                                   defs=[h], is_move=True))
                else:
                    op = {1: "movb", 2: "movw", 4: "movl", 8: "movq"}[p.nbytes]
                    sel.inst(op, RegOp(src, p.nbytes), h)

    @staticmethod
    def emit_return(sel, node) -> None:
        uses: List[PReg] = []
        if node.kids:
            letter, size = node.op.letter, node.op.size
            v = sel.value(node.kids[0])
            if letter == "F" and size < 16:
                sel.emit(MInst("movaps", [RegOp(v, 16), RegOp(P["xmm0"], 16)], uses=[v],
                               defs=[P["xmm0"]], is_move=True))
                uses.append(P["xmm0"])
            elif letter != "F":
                sel.emit(MInst("movq", [RegOp(v, 8), RegOp(P["rax"], 8)], uses=[v],
                               defs=[P["rax"]], is_move=True))
                uses.append(P["rax"])
        sel.emit(MInst("ret", uses=uses, ends_block=True))

    @staticmethod
    def emit_call(sel, node) -> Optional[VReg]:
        cs: CallSite = node.value
        vals = [(t, sel.value(t)) for t, _ in cs.args]
        ni = nf = 0
        uses: List[PReg] = []
        for t, v in vals:
            if t.op.letter == "F":
                dst = SSE_ARGS[nf]
                nf += 1
                sel.emit(MInst("movaps", [RegOp(v, 16), RegOp(dst, 16)], uses=[v],
                               defs=[dst], is_move=True))
            else:
                dst = INT_ARGS[ni]
                ni += 1
                sel.emit(MInst("movq", [RegOp(v, 8), RegOp(dst, 8)], uses=[v],
                               defs=[dst], is_move=True))
            uses.append(dst)
        sel.emit(MInst("movl", [], uses=[], defs=[P["rax"]], text="\tmovl\t$%d, %%eax" % nf))
        uses.append(P["rax"])
        callee = node.kids[0]
        target = SymOp(str(callee.value) + "@PLT")
        ret = [P["rax"], P["xmm0"]]
        sel.emit(MInst("call", [target], uses=uses, defs=ret,
                       clobbers=[r for r in CALLER_SAVED if r not in ret]))
        letter = node.op.letter
        if letter in "IUP":
            v = sel.new_vreg("gpr")
            sel.emit(MInst("movq", [RegOp(P["rax"], 8), RegOp(v, 8)], uses=[P["rax"]],
                           defs=[v], is_move=True))
            return v
        if letter == "F" and node.op.size < 16:
            v = sel.new_vreg("fpr")
            sel.emit(MInst("movaps", [RegOp(P["xmm0"], 16), RegOp(v, 16)],
                           uses=[P["xmm0"]], defs=[v], is_move=True))
            return v
        return None


# ------------------------------------------------------------------ allocation + frame

_GPR_SCRATCH = ["r10", "r11", "rbx", "r12"]
_FPR_SCRATCH = ["xmm13", "xmm14", "xmm15"]


def spill_everything(mf: MFunction) -> None:
    """Every VReg lives in its own stack slot; each instruction loads its
    operands into scratch registers and stores the ones it writes."""
    slots: Dict[int, Slot] = {}

    def slot(v: VReg) -> Slot:
        s = slots.get(v.n)
        if s is None:
            s = mf.frame.new_slot(16, 16, "spill")
            slots[v.n] = s
        return s

    for b in mf.blocks:
        out: List[MInst] = []
        for mi in b.insts:
            vregs: List[VReg] = []
            for r in list(mi.uses) + list(mi.defs):
                if isinstance(r, VReg) and r not in vregs:
                    vregs.append(r)
            for o in mi.operands:
                regs = [o.reg] if isinstance(o, RegOp) else o.regs() if isinstance(o, Mem) else []
                for r in regs:
                    if isinstance(r, VReg) and r not in vregs:
                        vregs.append(r)
            mapping: Dict[VReg, PReg] = {}
            gi = fi = 0
            for v in vregs:
                if v.cls == "gpr":
                    mapping[v] = P[_GPR_SCRATCH[gi]]
                    gi += 1
                else:
                    mapping[v] = P[_FPR_SCRATCH[fi]]
                    fi += 1
            for v in vregs:
                if v in mi.uses or v not in mi.defs:
                    out.append(_load(mapping[v], slot(v)))
            defs = [v for v in mi.defs if isinstance(v, VReg)]
            mi.replace_regs(mapping)  # type: ignore[arg-type]
            out.append(mi)
            for v in defs:
                out.append(_store(mapping[v], slot(v)))
        b.insts = out


def _load(r: PReg, s: Slot) -> MInst:
    op = "movq" if r.cls == "gpr" else "movups"
    return MInst(op, [Mem(slot=s), RegOp(r, 8 if r.cls == "gpr" else 16)], defs=[r])


def _store(r: PReg, s: Slot) -> MInst:
    op = "movq" if r.cls == "gpr" else "movups"
    return MInst(op, [RegOp(r, 8 if r.cls == "gpr" else 16), Mem(slot=s)], uses=[r])


def finish_frame(mf: MFunction) -> None:
    """Slots below %rbp; save %rbx/%r12 (scratch); `ret` becomes the epilogue."""
    off = 0
    for s in mf.frame.slots:
        off += s.size
        off = (off + s.align - 1) // s.align * s.align
        s.offset = -off
    save = mf.frame.new_slot(16, 16)
    off = (off + 16 + 15) // 16 * 16
    save.offset = -off
    rbx, r12, rbp, rsp = P["rbx"], P["r12"], P["rbp"], P["rsp"]
    pro = [MInst("pushq", [RegOp(rbp, 8)]),
           MInst("movq", [RegOp(rsp, 8), RegOp(rbp, 8)]),
           MInst("subq", [_imm(off), RegOp(rsp, 8)]),
           MInst("movq", [RegOp(rbx, 8), Mem(slot=save)]),
           MInst("movq", [RegOp(r12, 8), Mem(slot=save, disp=8)])]
    mf.blocks[0].insts[:0] = pro
    for b in mf.blocks:
        new: List[MInst] = []
        for mi in b.insts:
            if mi.op == "ret":
                new += [MInst("movq", [Mem(slot=save), RegOp(rbx, 8)]),
                        MInst("movq", [Mem(slot=save, disp=8), RegOp(r12, 8)]),
                        MInst("leave"), MInst("ret")]
            else:
                new.append(mi)
        b.insts = new


def _imm(v: int):
    from lcc.mir import Imm
    return Imm(v)
