"""x86-64 registers as the register allocator and the selector see them.

`REGS` is the target description lcc/regalloc/ consumes (see
docs/backend.md, "Register allocation"): allocatable registers per class
in preference order, the callee-saved set, and how to spill.
%rsp and %rbp (frame pointer) are never allocated.
"""
from __future__ import annotations

from typing import Dict, List

from lcc.mir import MInst, Mem, PReg, Reg, RegOp, Slot

GPR_NAMES = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
             "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
FPR_NAMES = ["xmm%d" % i for i in range(16)]

P: Dict[str, PReg] = {}
for _n in GPR_NAMES:
    P[_n] = PReg(_n, "gpr")
for _n in FPR_NAMES:
    P[_n] = PReg(_n, "fpr")

# SysV: argument registers in order.
INT_ARGS = [P[n] for n in ("rdi", "rsi", "rdx", "rcx", "r8", "r9")]
SSE_ARGS = [P["xmm%d" % i] for i in range(8)]
CALLEE_SAVED = [P[n] for n in ("rbx", "r12", "r13", "r14", "r15")]
CALLER_SAVED = [P[n] for n in ("rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11")] + \
    [P[n] for n in FPR_NAMES]

# Names of each width, for printing: 8, 4, 2, 1 bytes.
# DWARF register numbers of the x86-64 psABI (debug info, CFI).
DWARF_REGS: Dict[str, int] = {name: n for n, name in enumerate(
    ["rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
     "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"])}
DWARF_REGS.update({"xmm%d" % i: 17 + i for i in range(16)})

_LEGACY = {"rax": "a", "rbx": "b", "rcx": "c", "rdx": "d"}


def reg_name(name: str, size: int) -> str:
    """AT&T spelling (without %) of physical register `name` at `size` bytes."""
    if name.startswith("xmm"):
        return name
    if name in _LEGACY:
        c = _LEGACY[name]
        return {8: "r%sx", 4: "e%sx", 2: "%sx", 1: "%sl"}[size] % c
    if name in ("rsi", "rdi", "rbp", "rsp"):
        base = name[1:]
        return {8: name, 4: "e" + base, 2: base, 1: base + "l"}[size]
    return {8: name, 4: name + "d", 2: name + "w", 1: name + "b"}[size]


class X86Regs:
    """The register allocator's view of x86-64."""

    classes = ("gpr", "fpr")
    # Preference order: caller-saved first (cheap: no save in the prologue);
    # the allocator picks callee-saved ones for values live across calls.
    allocatable: Dict[str, List[PReg]] = {
        "gpr": [P[n] for n in ("rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
                               "rbx", "r12", "r13", "r14", "r15")],
        "fpr": [P[n] for n in FPR_NAMES],
    }
    callee_saved = frozenset(CALLEE_SAVED)
    caller_saved = frozenset(CALLER_SAVED)
    spill_size = {"gpr": 8, "fpr": 16}

    @staticmethod
    def spill_store(reg: Reg, slot: Slot) -> MInst:
        """Store all of `reg` to the spill slot."""
        if reg.cls == "gpr":
            return MInst("movq", [RegOp(reg, 8), Mem(slot=slot)], uses=[reg])
        return MInst("movaps", [RegOp(reg, 16), Mem(slot=slot)], uses=[reg])

    @staticmethod
    def spill_load(reg: Reg, slot: Slot) -> MInst:
        if reg.cls == "gpr":
            return MInst("movq", [Mem(slot=slot), RegOp(reg, 8)], defs=[reg])
        return MInst("movaps", [Mem(slot=slot), RegOp(reg, 16)], defs=[reg])

    @staticmethod
    def move(dst: Reg, src: Reg) -> MInst:
        if dst.cls == "gpr":
            return MInst("movq", [RegOp(src, 8), RegOp(dst, 8)], uses=[src], defs=[dst],
                         is_move=True)
        return MInst("movaps", [RegOp(src, 16), RegOp(dst, 16)], uses=[src], defs=[dst],
                     is_move=True)


REGS = X86Regs()
