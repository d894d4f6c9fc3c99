"""SysV x86-64 calling convention: classification, parameters, returns and
va_start (docs/backend.md, "The selector's API").  Calls are in
abi_call.py; where arguments travel is decided in abi_assign.py for both
sides.

The selector calls these hooks with itself as `sel`.  Facts the function
needs later are kept in `sel.mf.info`:
    "sret_slot"   the 8-byte slot holding the hidden return pointer (%rdi
                  at entry) of a function returning a MEMORY-class value
    "va_save"     the 176-byte register save area of a variadic function
    "va_gp", "va_fp"  gprs / xmms the named parameters used
    "va_stack"    offset of the first stack argument not named (from %rbp,
                  or from the incoming-argument pointer when realigned)
    "realign"     the frame's alignment when a local needs more than 16:
                  the prologue then realigns %rbp and leaves the address of
                  the incoming stack arguments in %r10, saved in "argp_slot"
"""
from __future__ import annotations

from typing import Any, List, Optional

from lcc.mir import Imm, MInst, Mem, Reg, RegOp, VReg
from lcc.target.x86_64.abi_assign import ArgLoc, assign_args, letter_of
from lcc.target.x86_64.abi_call import emit_call, load_agg_parts  # noqa: F401
from lcc.target.x86_64.abi_classify import (  # noqa: F401  (re-exported)
    COMPLEX_X87, INTEGER, MEMORY, NO_CLASS, SSE, SSEUP, X87, X87UP, classify,
    passed_in_memory, reg_counts, returned_in_memory)
from lcc.target.x86_64.abi_util import (
    copy16, fldt, mem_off, mk, move, rbp_mem, store_int, store_sse)
from lcc.target.x86_64.apply import save_incoming
from lcc.target.x86_64.regs import INT_ARGS, SSE_ARGS, P

# Incoming stack arguments start above the saved %rbp and return address.
STACK_ARGS = 16


def _param_types(fn: Any) -> List[Any]:
    """The C types the caller passed: a K&R definition's promoted types."""
    ft = fn.ctype
    kr = getattr(ft, "kr_defined", None)
    out = []
    for i, p in enumerate(fn.params):
        if kr is not None and i < len(kr):
            out.append(kr[i])
        else:
            out.append(p.ctype)
    return out


def emit_params(sel: Any) -> None:
    """At function entry, move the incoming arguments into their homes."""
    fn, mf = sel.fn, sel.mf
    if "naked" in fn.attrs:
        mf.info["naked"] = True     # no prologue, no parameter moves: the body is asm
        return
    ret = fn.ctype.ret
    gp0 = 0
    align = max([loc.align for loc in fn.locals.values() if not loc.reg] + [16])
    if align > 16:
        # frame.finish realigns the frame; %r10 then points at the stack
        # arguments (16(%rbp) no longer does).
        mf.info["realign"] = align
        slot = mf.frame.new_slot(8, 8, "local")
        mf.info["argp_slot"] = slot
        sel.emit(mk("movq", RegOp(P["r10"], 8), Mem(slot=slot)))
    save_incoming(sel)      # __builtin_apply_args: before any register moves
    if not ret.is_void and returned_in_memory(ret):
        slot = mf.frame.new_slot(8, 8, "local")
        mf.info["sret_slot"] = slot
        sel.emit(mk("movq", RegOp(INT_ARGS[0], 8), Mem(slot=slot)))
        gp0 = 1
    ptypes = _param_types(fn)
    specs = []
    for p, t in zip(fn.params, ptypes):
        if t is None:
            specs.append((p.letter or "I", p.nbytes or 8, None))
        else:
            lt, n = letter_of(t)
            specs.append((lt, n, t))
    locs, stack, gp, fp = assign_args(specs, gp0)
    # Phase 1: take every register argument out of its physical register
    # before anything (a block copy may use %rdi/%rsi/%rcx) can clobber it.
    taken: List[Any] = []
    for p, loc, spec in zip(fn.params, locs, specs):
        taken.append(_take_regs(sel, p, loc, spec))
    if fn.variadic:
        _save_va_regs(sel)
        mf.info["va_gp"] = gp
        mf.info["va_fp"] = fp
        mf.info["va_stack"] = (0 if "realign" in mf.info else STACK_ARGS) + (stack + 7) // 8 * 8
    # Phase 2: stores into memory homes and copies from the stack.
    for p, loc, spec, regs in zip(fn.params, locs, specs, taken):
        _store_param(sel, p, loc, spec, regs)


def _take_regs(sel: Any, p: Any, loc: ArgLoc, spec: Any) -> Optional[List[Reg]]:
    """Copy the argument's registers into vregs (or straight into a vreg
    home); returns the vregs holding its parts (None: it came on the stack)."""
    if loc.stack >= 0 or not loc.regs:
        return None
    if loc.kind == "int":
        src = INT_ARGS[loc.regs[0]]
        v = sel.new_vreg("gpr")
        sel.emit(move(v, src))
        return [v]
    if loc.kind == "sse":
        src = SSE_ARGS[loc.regs[0]]
        v = sel.new_vreg("fpr")
        sel.emit(move(v, src))
        return [v]
    if loc.kind == "agg":
        out: List[Reg] = []
        for c, i in loc.regs:
            if c == INTEGER:
                v = sel.new_vreg("gpr")
                sel.emit(move(v, INT_ARGS[i]))
                out.append(v)
            elif c == SSE:
                v = sel.new_vreg("fpr")
                sel.emit(move(v, SSE_ARGS[i]))
                out.append(v)
        return out
    return None


def _store_param(sel: Any, p: Any, loc: ArgLoc, spec: Any, regs: Optional[List[Reg]]) -> None:
    home = sel.home(p.name)
    letter, size, ctype = spec
    if loc.kind in ("int", "sse"):
        if regs:
            v = regs[0]
        else:
            v = _load_stack_scalar(sel, loc, letter, size, ctype)
        _to_home(sel, p, home, v, letter, size)
        return
    if loc.kind == "x87":
        src = _stack_arg(sel, loc.stack)
        if isinstance(home, VReg):
            raise ValueError("long double parameter %s in a register" % p.name)
        if p.ctype is not None and p.ctype.is_float and p.ctype.kind == "long double":
            copy16(sel, home, src, 16)
        else:
            fldt(sel, src)      # K&R oddities: convert through the x87 stack
            _x87_to_home(sel, p, home)
        return
    if loc.kind == "mem":
        if loc.size:
            sel.copy_block(home, _stack_arg(sel, loc.stack), loc.size)
        return
    # An aggregate that came in registers: store each eightbyte.
    parts = iter(regs or [])
    k = 0
    cls = loc.classes
    while k < len(cls):
        c = cls[k]
        n = min(8, loc.size - 8 * k)
        if c == INTEGER:
            store_int(sel, next(parts), mem_off(home, 8 * k), n)
        elif c == SSE:
            if k + 1 < len(cls) and cls[k + 1] == SSEUP:
                store_sse(sel, next(parts), mem_off(home, 8 * k), 16)
                k += 1
            else:
                store_sse(sel, next(parts), mem_off(home, 8 * k), n)
        k += 1


def _load_stack_scalar(sel: Any, loc: ArgLoc, letter: str, size: int, ctype: Any) -> Reg:
    src = _stack_arg(sel, loc.stack)
    if letter == "F":
        v = sel.new_vreg("fpr")
        sel.emit(mk("movss" if size == 4 else "movsd", src, RegOp(v, 16)))
        return v
    v = sel.new_vreg("gpr")
    sel.emit(mk("movq", src, RegOp(v, 8)))
    return v


def _stack_arg(sel: Any, off: int) -> Mem:
    """The incoming stack argument at byte `off` of the argument area."""
    slot = sel.mf.info.get("argp_slot")
    if slot is None:
        return rbp_mem(STACK_ARGS + off)
    p = sel.new_vreg("gpr")
    sel.emit(mk("movq", Mem(slot=slot), RegOp(p, 8)))
    return Mem(base=p, disp=off)


def _to_home(sel: Any, p: Any, home: Any, v: Reg, letter: str, size: int) -> None:
    """Put a scalar argument held in v into p's home, converting a K&R
    parameter declared float (passed as double)."""
    want = p.ctype
    if letter == "F" and want is not None and want.is_float and want.size() != size:
        w = sel.new_vreg("fpr")
        if want.size() == 4:
            sel.emit(mk("cvtsd2ss", RegOp(v, 16), RegOp(w, 16)))
        else:
            sel.emit(mk("cvtss2sd", RegOp(v, 16), RegOp(w, 16)))
        v, size = w, want.size()
    if isinstance(home, (VReg,)) or not isinstance(home, Mem):
        sel.emit(move(home, v))
        return
    n = p.size if p.ctype is not None else size
    if v.cls == "fpr":
        store_sse(sel, v, home, n)
    else:
        store_int(sel, v, home, min(n, 8))


def _x87_to_home(sel: Any, p: Any, home: Any) -> None:
    """Pop %st0 into a home of p's (non long double) type."""
    tmp = sel.mf.frame.new_slot(8, 8, "local")
    n = p.size
    sel.emit(mk("fstpl" if n == 8 else "fstps", Mem(slot=tmp)))
    if isinstance(home, Mem):
        copy16(sel, home, Mem(slot=tmp), n)
    else:
        sel.emit(mk("movsd" if n == 8 else "movss", Mem(slot=tmp), RegOp(home, 16)))


def _save_va_regs(sel: Any) -> None:
    """Spill all six gprs and eight xmms into the register save area (gcc
    skips the xmms when %al is 0; storing them always is simpler and
    harmless)."""
    slot = sel.mf.frame.new_slot(176, 16, "local")
    sel.mf.info["va_save"] = slot
    for i, r in enumerate(INT_ARGS):
        sel.emit(mk("movq", RegOp(r, 8), Mem(slot=slot, disp=8 * i)))
    for i, r in enumerate(SSE_ARGS):
        sel.emit(mk("movaps", RegOp(r, 16), Mem(slot=slot, disp=48 + 16 * i)))


def emit_return(sel: Any, node: Any) -> None:
    """RETx / RETV / RETB: put the value where the caller looks, then the
    `ret` pseudo-instruction (frame.finish turns it into the epilogue)."""
    op = node.op
    uses: List[Reg] = []
    if op.letter == "V":
        pass
    elif op.letter in "IUP":
        v = sel.value(node.kids[0])
        sel.emit(move(P["rax"], v))
        uses = [P["rax"]]
    elif op.letter == "F" and op.size in (4, 8):
        v = sel.value(node.kids[0])
        sel.emit(move(P["xmm0"], v))
        uses = [P["xmm0"]]
    elif op.letter == "F":
        sel.value(node.kids[0])          # left in %st0
    else:
        uses = _return_block(sel, node)
    sel.emit(MInst("ret", uses=uses, ends_block=True))


def _return_block(sel: Any, node: Any) -> List[Reg]:
    ret = sel.fn.ctype.ret
    src = sel.address(node.kids[0])
    size = ret.size()
    cls = classify(ret)
    if cls == [MEMORY]:
        slot = sel.mf.info["sret_slot"]
        p = sel.new_vreg("gpr")
        sel.emit(mk("movq", Mem(slot=slot), RegOp(p, 8)))  # type: ignore[arg-type]
        sel.copy_block(Mem(base=p), src, size)
        sel.emit(move(P["rax"], p))
        return [P["rax"]]
    if cls == [COMPLEX_X87]:
        fldt(sel, mem_off(src, 16))      # imaginary part ends in %st1
        fldt(sel, src)
        return []
    if cls[:1] == [X87]:
        fldt(sel, src)
        return []
    parts = load_agg_parts(sel, src, size, cls)
    uses: List[Reg] = []
    gi = si = 0
    for c, v in parts:
        if c == INTEGER:
            dst = P[("rax", "rdx")[gi]]
            gi += 1
        else:
            dst = P[("xmm0", "xmm1")[si]]
            si += 1
        sel.emit(move(dst, v))
        uses.append(dst)
    return uses


def emit_vastart(sel: Any, node: Any) -> None:
    """Fill the va_list at the kid's address: gp_offset, fp_offset,
    overflow_arg_area, reg_save_area."""
    mf = sel.mf
    if "va_save" not in mf.info:
        raise ValueError("va_start in a function that is not variadic")
    m = sel.address(node.kids[0])
    gp = mf.info["va_gp"]
    fp = mf.info["va_fp"]
    sel.emit(mk("movl", Imm(8 * gp), m))           # type: ignore[operator]
    sel.emit(mk("movl", Imm(48 + 16 * fp), mem_off(m, 4)))  # type: ignore[operator]
    v = sel.new_vreg("gpr")
    over = _stack_arg(sel, 0) if "argp_slot" in mf.info else rbp_mem(0)
    over.disp = mf.info["va_stack"]  # type: ignore[assignment]
    sel.emit(mk("leaq", over, RegOp(v, 8)))
    sel.emit(mk("movq", RegOp(v, 8), mem_off(m, 8)))
    w = sel.new_vreg("gpr")
    sel.emit(mk("leaq", Mem(slot=mf.info["va_save"]), RegOp(w, 8)))  # type: ignore[arg-type]
    sel.emit(mk("movq", RegOp(w, 8), mem_off(m, 16)))
