"""Random MFunctions for the register allocator tests (x86-64 registers).

The code is not meant to run: it only has to be well formed for the
allocator (every vreg defined before use on every path) and exercise what
the selector produces: two-address arithmetic, copies (coalescing
candidates), argument/return registers around calls that clobber the
caller-saved set, %rcx for shifts, %rax/%rdx for division, %al before a
variadic call, float values (no callee-saved fpr), loops and joins.
"""
from __future__ import annotations

import random
from typing import List

from lcc.mir import Imm, LabelOp, MBlock, MFunction, MInst, Mem, RegOp, SymOp, VReg
from lcc.target.x86_64.regs import CALLER_SAVED, INT_ARGS, P, REGS, SSE_ARGS


def _mov(dst, src) -> MInst:  # type: ignore[no-untyped-def]
    return REGS.move(dst, src)


class Gen:
    def __init__(self, seed: int, nblocks: int = 6, ninsts: int = 12,
                 nglobals: int = 6, calls: bool = True, pressure: int = 0) -> None:
        self.r = random.Random(seed)
        self.mf = MFunction("f%d" % seed)
        self.nblocks = nblocks
        self.ninsts = ninsts
        self.nglobals = nglobals
        self.calls = calls
        self.pressure = pressure

    def vreg(self, cls: str = "gpr") -> VReg:
        return self.mf.new_vreg(cls)

    def build(self) -> MFunction:
        r = self.r
        mf = self.mf
        labels = [".B%d" % i for i in range(self.nblocks)]
        blocks = [MBlock(lab) for lab in labels]
        mf.blocks = blocks
        # Globals: defined in the entry block (some from argument
        # registers), read and rewritten anywhere.
        gints = [self.vreg() for _ in range(self.nglobals)]
        gflts = [self.vreg("fpr") for _ in range(max(1, self.nglobals // 3))]
        entry = blocks[0].insts
        for i, g in enumerate(gints):
            if i < 4:
                entry.append(_mov(g, INT_ARGS[i]))
            else:
                entry.append(MInst("movq", [Imm(i), RegOp(g, 8)], defs=[g]))
        for i, g in enumerate(gflts):
            if i < len(SSE_ARGS):
                entry.append(_mov(g, SSE_ARGS[i]))
            else:
                entry.append(MInst("xorps", [RegOp(g, 16), RegOp(g, 16)], defs=[g]))
        for bi, b in enumerate(blocks):
            local_i: List[VReg] = []
            local_f: List[VReg] = []
            n = r.randint(1, self.ninsts)
            for _ in range(n):
                self.inst(b.insts, gints, gflts, local_i, local_f)
            last = bi == len(blocks) - 1
            if last:
                # Return a value; keep some globals alive to the end.
                v = r.choice(gints + local_i)
                b.insts.append(_mov(P["rax"], v))
                b.insts.append(MInst("ret", [], uses=[P["rax"]] + r.sample(gints, 2),
                                     ends_block=True))
            else:
                kind = r.random()
                if kind < 0.4:
                    t = r.randrange(len(blocks))
                    a = r.choice(gints + local_i)
                    b.insts.append(MInst("cmpq", [Imm(0), RegOp(a, 8)], uses=[a]))
                    b.insts.append(MInst("jne", [LabelOp(labels[t])], targets=[labels[t]]))
                    b.succs = [labels[t], labels[bi + 1]]
                elif kind < 0.55 and bi + 2 < len(blocks):
                    t = r.randrange(bi + 1, len(blocks))
                    b.insts.append(MInst("jmp", [LabelOp(labels[t])], targets=[labels[t]],
                                         ends_block=True))
                    b.succs = [labels[t]]
                else:
                    b.succs = [labels[bi + 1]]
        return mf

    def inst(self, out: List[MInst], gi: List[VReg], gf: List[VReg],
             li: List[VReg], lf: List[VReg]) -> None:
        r = self.r
        ints = gi + li
        k = r.random()
        if self.pressure and r.random() < 0.3:
            # Many simultaneously live values.
            vs = [self.vreg() for _ in range(self.pressure)]
            for i, v in enumerate(vs):
                out.append(MInst("movq", [Imm(i), RegOp(v, 8)], defs=[v]))
            acc = r.choice(ints)
            for v in vs:
                out.append(MInst("addq", [RegOp(v, 8), RegOp(acc, 8)], uses=[v, acc],
                                 defs=[acc]))
            return
        if k < 0.25:
            # Two-address: d = a; d op= b
            a, c = r.choice(ints), r.choice(ints)
            d = self.vreg() if r.random() < 0.6 else r.choice(gi)
            out.append(_mov(d, a))
            out.append(MInst("addq", [RegOp(c, 8), RegOp(d, 8)], uses=[c, d], defs=[d]))
            if d not in gi:
                li.append(d)
        elif k < 0.35:
            d = self.vreg()
            out.append(MInst("movq", [Imm(r.randint(0, 9)), RegOp(d, 8)], defs=[d]))
            li.append(d)
        elif k < 0.45:
            a = r.choice(ints)
            d = r.choice(gi) if r.random() < 0.5 else self.vreg()
            out.append(_mov(d, a))
            if d not in gi:
                li.append(d)
        elif k < 0.52:
            # Load through a pointer, 3-operand lea.
            a, c = r.choice(ints), r.choice(ints)
            d = self.vreg()
            out.append(MInst("leaq", [Mem(base=a, index=c, scale=4), RegOp(d, 8)],
                             uses=[a, c], defs=[d]))
            li.append(d)
        elif k < 0.58:
            # Shift by a variable count: count in %rcx.
            a, c = r.choice(ints), r.choice(ints)
            d = self.vreg()
            out.append(_mov(d, a))
            out.append(_mov(P["rcx"], c))
            out.append(MInst("shlq", [RegOp(P["rcx"], 1), RegOp(d, 8)],
                             uses=[P["rcx"], d], defs=[d]))
            li.append(d)
        elif k < 0.64:
            # Division: %rax:%rdx / v -> quotient in %rax, remainder in %rdx.
            a, c = r.choice(ints), r.choice(ints)
            q, m = self.vreg(), self.vreg()
            out.append(_mov(P["rax"], a))
            out.append(MInst("cqto", [], uses=[P["rax"]], defs=[P["rdx"]]))
            out.append(MInst("idivq", [RegOp(c, 8)], uses=[P["rax"], P["rdx"], c],
                             defs=[P["rax"], P["rdx"]]))
            out.append(_mov(q, P["rax"]))
            out.append(_mov(m, P["rdx"]))
            li.extend([q, m])
        elif k < 0.74 and self.calls:
            self.call(out, ints, gf + lf, li, lf)
        elif k < 0.86:
            fl = gf + lf
            a = r.choice(fl)
            d = self.vreg("fpr") if r.random() < 0.6 else r.choice(gf)
            out.append(_mov(d, a))
            c = r.choice(fl)
            out.append(MInst("addsd", [RegOp(c, 16), RegOp(d, 16)], uses=[c, d], defs=[d]))
            if d not in gf:
                lf.append(d)
        elif k < 0.92:
            # int -> float conversion, a cross-class instruction.
            a = r.choice(ints)
            d = self.vreg("fpr")
            out.append(MInst("cvtsi2sdq", [RegOp(a, 8), RegOp(d, 16)], uses=[a], defs=[d]))
            lf.append(d)
        else:
            # Dead def (result never used) next to a live one.
            d, e = self.vreg(), self.vreg()
            a = r.choice(ints)
            out.append(MInst("xaddq", [RegOp(a, 8), RegOp(d, 8)], uses=[a],
                             defs=[d, e]))
            li.append(e)

    def call(self, out: List[MInst], ints: List[VReg], flts: List[VReg],
             li: List[VReg], lf: List[VReg]) -> None:
        r = self.r
        nargs = r.randint(0, 6)
        args = [r.choice(ints) for _ in range(nargs)]
        nf = r.randint(0, 2)
        fargs = [r.choice(flts) for _ in range(nf)]
        uses = []
        for i, a in enumerate(args):
            out.append(_mov(INT_ARGS[i], a))
            uses.append(INT_ARGS[i])
        for i, a in enumerate(fargs):
            out.append(_mov(SSE_ARGS[i], a))
            uses.append(SSE_ARGS[i])
        variadic = r.random() < 0.3
        if variadic:
            out.append(MInst("movl", [Imm(nf), RegOp(P["rax"], 4)], defs=[P["rax"]]))
            uses.append(P["rax"])
        indirect = r.random() < 0.2
        if indirect:
            tgt = r.choice(ints)
            uses.append(tgt)
            ops = [RegOp(tgt, 8)]
        else:
            ops = [SymOp("g")]
        out.append(MInst("call", ops, uses=uses, defs=[P["rax"], P["rdx"], P["xmm0"]],
                         clobbers=[c for c in CALLER_SAVED
                                   if c.name not in ("rax", "rdx", "xmm0")]))
        if r.random() < 0.7:
            d = self.vreg()
            out.append(_mov(d, P["rax"]))
            li.append(d)
        if r.random() < 0.3:
            d = self.vreg("fpr")
            out.append(_mov(d, P["xmm0"]))
            lf.append(d)


def random_function(seed: int, **kw: int) -> MFunction:
    return Gen(seed, **kw).build()


def bench() -> None:
    """Allocation speed on large random functions (CPU seconds)."""
    import time
    from lcc.regalloc import allocate
    for nb, pr in ((2000, 0), (4000, 8)):
        mf = random_function(3, nblocks=nb, ninsts=40, nglobals=40, pressure=pr)
        n = sum(len(b.insts) for b in mf.blocks)
        t0 = time.process_time()
        allocate(mf, REGS)
        dt = time.process_time() - t0
        print("%d blocks, %d instructions, %d vregs: %.2fs CPU (%.0f instructions/s), "
              "%d spill slots" % (nb, n, mf.nvregs, dt, n / dt,
                                  sum(1 for s in mf.frame.slots if s.kind == "spill")))


if __name__ == "__main__":
    # From the repository root: python3 -m tests.regalloc_gen --bench
    import sys
    if "--bench" in sys.argv:
        bench()
