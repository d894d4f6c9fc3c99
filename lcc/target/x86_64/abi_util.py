"""Small instruction builders shared by the ABI hooks, the frame code and
inline asm.

The ABI code builds its MInsts by hand (not through `sel.inst`) because it
mixes physical argument registers, x87 stores and block pieces whose
uses/defs it knows exactly; `mk` computes them from the operands the way
docs/backend.md says: registers inside a Mem are uses, a register
destination (the last operand) is a def.
"""
from __future__ import annotations

from typing import Any, List, Optional

from lcc.mir import Imm, MInst, Mem, Reg, RegOp, VReg
from lcc.target.x86_64.regs import P


def op_regs(o: Any) -> List[Reg]:
    if isinstance(o, RegOp):
        return [o.reg]
    if isinstance(o, Mem):
        return o.regs()
    return []


def mk(op: str, *operands: Any, use_dst: bool = False) -> MInst:
    """An AT&T instruction `op src..., dst`: sources and address registers
    are uses; a register destination is a def (and a use too when the
    instruction reads it: use_dst, e.g. shifts, or)."""
    uses: List[Reg] = []
    defs: List[Reg] = []
    for i, o in enumerate(operands):
        last = i == len(operands) - 1
        if last and isinstance(o, RegOp) and len(operands) > 1:
            defs.append(o.reg)
            if use_dst:
                uses.append(o.reg)
        else:
            uses.extend(op_regs(o))
    return MInst(op, list(operands), uses=uses, defs=defs)


def move(dst: Reg, src: Reg) -> MInst:
    """A whole-register copy of one class (coalescable)."""
    if dst.cls == "gpr":
        return MInst("movq", [RegOp(src, 8), RegOp(dst, 8)], uses=[src], defs=[dst],
                     is_move=True)
    return MInst("movaps", [RegOp(src, 16), RegOp(dst, 16)], uses=[src], defs=[dst],
                 is_move=True)


def mem_off(m: Mem, k: int) -> Mem:
    """`m` moved k bytes further."""
    return Mem(base=m.base, index=m.index, scale=m.scale, disp=m.disp + k, sym=m.sym,
               slot=m.slot, seg=m.seg, reloc=m.reloc)


def rbp_mem(disp: int) -> Mem:
    return Mem(base=P["rbp"], disp=disp)


def rsp_mem(disp: int) -> Mem:
    return Mem(base=P["rsp"], disp=disp)


_SUFFIX = {1: "b", 2: "w", 4: "l", 8: "q"}


def store_int(sel: Any, reg: Reg, m: Mem, n: int) -> None:
    """Store the low n (1..8) bytes of gpr `reg` at m, never writing past
    m+n (a 3-, 5-, 6- or 7-byte tail of a struct is stored piecewise)."""
    if n in _SUFFIX:
        sel.emit(mk("mov" + _SUFFIX[n], RegOp(reg, n), m))
        return
    t = sel.new_vreg("gpr")
    sel.emit(move(t, reg))
    done = 0
    while done < n:
        w = 4 if n - done >= 4 else 2 if n - done >= 2 else 1
        sel.emit(mk("mov" + _SUFFIX[w], RegOp(t, w), mem_off(m, done)))
        done += w
        if done < n:
            sel.emit(mk("shrq", Imm(8 * w), RegOp(t, 8), use_dst=True))


def load_int(sel: Any, m: Mem, n: int) -> VReg:
    """A fresh gpr holding the n (1..8) bytes at m, zero-extended, without
    reading past m+n."""
    v = sel.new_vreg("gpr")
    if n == 8:
        sel.emit(mk("movq", m, RegOp(v, 8)))
        return v
    if n == 4:
        sel.emit(mk("movl", m, RegOp(v, 4)))
        return v
    if n == 2:
        sel.emit(mk("movzwl", m, RegOp(v, 4)))
        return v
    if n == 1:
        sel.emit(mk("movzbl", m, RegOp(v, 4)))
        return v
    # Piecewise, highest piece first: v = (v << 8w) | piece.
    pieces = []
    done = 0
    while done < n:
        w = 4 if n - done >= 4 else 2 if n - done >= 2 else 1
        pieces.append((done, w))
        done += w
    first = True
    for off, w in reversed(pieces):
        if first:
            sel.emit(mk({4: "movl", 2: "movzwl", 1: "movzbl"}[w], mem_off(m, off),
                        RegOp(v, 4)))
            first = False
            continue
        t = sel.new_vreg("gpr")
        sel.emit(mk({4: "movl", 2: "movzwl", 1: "movzbl"}[w], mem_off(m, off), RegOp(t, 4)))
        sel.emit(mk("shlq", Imm(8 * w), RegOp(v, 8), use_dst=True))
        sel.emit(mk("orq", RegOp(t, 8), RegOp(v, 8), use_dst=True))
    return v


def store_sse(sel: Any, reg: Reg, m: Mem, n: int) -> None:
    """Store n (4, 8 or 16) bytes of xmm `reg` at m."""
    op = {4: "movss", 8: "movsd", 16: "movups"}[n if n in (4, 8, 16) else 8]
    sel.emit(mk(op, RegOp(reg, 16), m))


def load_sse(sel: Any, m: Mem, n: int) -> VReg:
    v = sel.new_vreg("fpr")
    op = {4: "movss", 8: "movsd", 16: "movups"}[n if n in (4, 8, 16) else 8]
    sel.emit(mk(op, m, RegOp(v, 16)))
    return v


def fstpt(sel: Any, m: Mem) -> None:
    """Pop %st0 into the 10 bytes at m."""
    sel.emit(mk("fstpt", m))


def fldt(sel: Any, m: Mem) -> None:
    sel.emit(mk("fldt", m))


def copy16(sel: Any, dst: Mem, src: Mem, n: int) -> None:
    """Copy n bytes (a multiple of 8, or a long double's 16) via gprs."""
    done = 0
    while done < n:
        w = 8 if n - done >= 8 else 4 if n - done >= 4 else 2 if n - done >= 2 else 1
        v = sel.new_vreg("gpr")
        sel.emit(mk("mov" + _SUFFIX[w], mem_off(src, done), RegOp(v, w)))
        sel.emit(mk("mov" + _SUFFIX[w], RegOp(v, w), mem_off(dst, done)))
        done += w


def extend_op(ctype: Any) -> Optional[str]:
    """The instruction widening a 1- or 2-byte integer argument to 32 bits
    (gcc callers do it and clang callees rely on it), or None."""
    if ctype is None or not getattr(ctype, "is_integer", False):
        return None
    n = ctype.size()
    if n == 1:
        return "movsbl" if ctype.signed and ctype.kind != "_Bool" else "movzbl"
    if n == 2:
        return "movswl" if ctype.signed else "movzwl"
    return None

