"""Calls (SysV x86-64): `emit_call(sel, node)` for a CALLx tree whose value
is an ir.func.CallSite (docs/backend.md, "Calls").

Order of the emitted code:
  1. the callee address (unless it is a plain symbol) and every argument
     evaluated into vregs (aggregates: their address as a Mem, or their
     eightbytes loaded when they travel in registers; long doubles popped
     into a temporary slot, so the x87 stack never overflows);
  2. `subq $N, %rsp` (N a multiple of 16) and the stack arguments stored;
  3. the register arguments moved into %rdi.../%xmm0... (PReg defs), the
     hidden result pointer into %rdi, %al for variadic/unprototyped calls;
  4. `call` (uses: the argument registers; defs: %rax %rdx %xmm0 %xmm1;
     clobbers: every caller-saved register), `addq $N, %rsp`;
  5. the result copied out of the return registers.
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from lcc.mir import Imm, MInst, Mem, Reg, RegOp, SymOp, VReg
from lcc.target.x86_64.abi_assign import assign_args, letter_of, stack_align
from lcc.target.x86_64.abi_classify import (
    COMPLEX_X87, INTEGER, MEMORY, SSE, SSEUP, X87, classify)
from lcc.target.x86_64.abi_util import (
    extend_op, fstpt, load_int, load_sse, mem_off, mk, move, rsp_mem, store_int, store_sse)
from lcc.target.x86_64.regs import CALLER_SAVED, INT_ARGS, SSE_ARGS, P

RET_REGS = [P["rax"], P["rdx"], P["xmm0"], P["xmm1"]]


def load_agg_parts(sel: Any, src: Mem, size: int, cls: List[str]) -> List[Tuple[str, Reg]]:
    """Load an aggregate's eightbytes for register passing: [(INTEGER|SSE,
    vreg)] in order (an SSE+SSEUP pair is one 16-byte xmm load)."""
    out: List[Tuple[str, Reg]] = []
    k = 0
    while k < len(cls):
        c = cls[k]
        n = min(8, size - 8 * k)
        if c == INTEGER:
            out.append((INTEGER, load_int(sel, mem_off(src, 8 * k), n)))
        elif c == SSE:
            if k + 1 < len(cls) and cls[k + 1] == SSEUP:
                out.append((SSE, load_sse(sel, mem_off(src, 8 * k), 16)))
                k += 1
            else:
                out.append((SSE, load_sse(sel, mem_off(src, 8 * k), 4 if n <= 4 else 8)))
        k += 1
    return out


def _arg_spec(tree: Any, ctype: Any) -> Tuple[str, int, Any]:
    op = tree.op
    if ctype is not None:
        lt, n = letter_of(ctype)
        if lt != "B":
            # The tree's own type wins for scalars (it is what was computed).
            return (op.letter if op.letter != "B" else lt), (op.size or n), ctype
        return lt, n, ctype
    return op.letter, op.size, None


def emit_call(sel: Any, node: Any) -> Optional[VReg]:
    cs = node.value
    ftype = cs.ftype
    fn_tree = node.kids[0]
    # 1. The callee and the arguments.
    target: Any
    if fn_tree.op.operation == "ADDRG":
        target = SymOp(sel.call_symbol(str(fn_tree.value)))
    else:
        target = RegOp(sel.value(fn_tree), 8)
    ret = ftype.ret if ftype is not None else None
    rcls: Optional[List[str]] = None
    if node.op.letter == "B" and ret is not None and not ret.is_void:
        rcls = classify(ret)
    sret = rcls == [MEMORY]
    specs = [_arg_spec(t, c) for t, c in cs.args]
    locs, stack, _, nsse = assign_args(specs, 1 if sret else 0)
    vals: List[Any] = []
    for (tree, ctype), spec, loc in zip(cs.args, specs, locs):
        vals.append(_eval_arg(sel, tree, spec, loc))
    # 2. Stack arguments.
    frame = (stack + 15) // 16 * 16
    # An argument aligned beyond 16 (a 32-byte vector, an _Alignas(32)
    # struct) needs the argument area itself aligned so: gcc's va_arg
    # rounds the address up.  %rsp is then restored from a saved copy.
    big = max([stack_align(spec[2], loc.kind) for spec, loc in zip(specs, locs)
               if loc.stack >= 0] + [16])
    saved_sp: Optional[VReg] = None
    if big > 16:
        saved_sp = sel.new_vreg("gpr")
        sel.emit(mk("movq", RegOp(P["rsp"], 8), RegOp(saved_sp, 8)))
    if frame:
        sel.emit(MInst("subq", [Imm(frame), RegOp(P["rsp"], 8)]))
    if saved_sp is not None:
        sel.emit(MInst("andq", [Imm(-big), RegOp(P["rsp"], 8)]))
    for spec, loc, val in zip(specs, locs, vals):
        if loc.stack < 0:
            continue
        dst = rsp_mem(loc.stack)
        if loc.kind == "int":
            sel.emit(mk("movq", RegOp(val, 8), dst))
        elif loc.kind == "sse":
            sel.emit(mk("movss" if spec[1] == 4 else "movsd", RegOp(val, 16), dst))
        elif loc.kind == "x87":
            _copy_words(sel, dst, val, 16)
        elif loc.size:
            sel.copy_block(dst, val, loc.size)
    # 3. Register arguments.
    uses: List[Reg] = []
    for loc, val in zip(locs, vals):
        if loc.stack >= 0:
            continue
        if loc.kind == "int":
            r = INT_ARGS[loc.regs[0]]
            sel.emit(move(r, val))
            uses.append(r)
        elif loc.kind == "sse":
            r = SSE_ARGS[loc.regs[0]]
            sel.emit(move(r, val))
            uses.append(r)
        elif loc.kind == "agg":
            # The loaded parts follow the INTEGER/SSE eightbytes in order.
            slots = [(c, i) for c, i in loc.regs if c in (INTEGER, SSE)]
            for (c, i), (_, v) in zip(slots, val):
                r = INT_ARGS[i] if c == INTEGER else SSE_ARGS[i]
                sel.emit(move(r, v))
                uses.append(r)
    if sret:
        assert ret is not None
        if cs.dest is not None:
            p = sel.value(cs.dest)
        else:
            slot = sel.mf.frame.new_slot(max(ret.size(), 8), max(ret.align(), 8), "local")
            p = sel.new_vreg("gpr")
            sel.emit(mk("leaq", Mem(slot=slot), RegOp(p, 8)))
        sel.emit(move(INT_ARGS[0], p))
        uses.append(INT_ARGS[0])
    if getattr(ftype, "variadic", False) or cs.unprototyped or \
            getattr(ftype, "params", ()) is None:
        sel.emit(MInst("movl", [Imm(nsse), RegOp(P["rax"], 4)], defs=[P["rax"]]))
        uses.append(P["rax"])
    # 4. The call.
    call_uses = list(uses)
    if isinstance(target, RegOp):
        call_uses.append(target.reg)
    # "call*" prints as an indirect call through the register (asm.py).
    sel.emit(MInst("call*" if isinstance(target, RegOp) else "call", [target], uses=call_uses,
                   defs=list(RET_REGS), clobbers=list(CALLER_SAVED)))
    if saved_sp is not None:
        sel.emit(MInst("movq", [RegOp(saved_sp, 8), RegOp(P["rsp"], 8)], uses=[saved_sp]))
    elif frame:
        sel.emit(MInst("addq", [Imm(frame), RegOp(P["rsp"], 8)]))
    # 5. The result.
    letter = node.op.letter
    if letter in "IUP":
        v = sel.new_vreg("gpr")
        sel.emit(move(v, P["rax"]))
        return v
    if letter == "F" and node.op.size in (4, 8):
        v = sel.new_vreg("fpr")
        sel.emit(move(v, P["xmm0"]))
        return v
    if letter == "B" and rcls is not None and not sret:
        _store_result(sel, cs, ret, rcls)
    return None


def _eval_arg(sel: Any, tree: Any, spec: Tuple[str, int, Any], loc: Any) -> Any:
    """Evaluate one argument into what step 2 or 3 needs."""
    letter, size, ctype = spec
    if loc.kind == "int":
        v = sel.value(tree)
        ext = extend_op(ctype)
        if ext is not None:
            w = sel.new_vreg("gpr")
            sel.emit(mk(ext, RegOp(v, ctype.size()), RegOp(w, 4)))
            v = w
        return v
    if loc.kind == "sse":
        return sel.value(tree)
    if loc.kind == "x87":
        sel.value(tree)                       # pushed on the x87 stack
        slot = sel.mf.frame.new_slot(16, 16, "local")
        fstpt(sel, Mem(slot=slot))
        return Mem(slot=slot)
    src = sel.address(tree)
    if loc.kind == "mem":
        return src
    return load_agg_parts(sel, src, loc.size, loc.classes)


def _copy_words(sel: Any, dst: Mem, src: Mem, n: int) -> None:
    for k in range(0, n, 8):
        v = sel.new_vreg("gpr")
        sel.emit(mk("movq", mem_off(src, k), RegOp(v, 8)))
        sel.emit(mk("movq", RegOp(v, 8), mem_off(dst, k)))


def _store_result(sel: Any, cs: Any, ret: Any, rcls: List[str]) -> None:
    """Store an aggregate returned in registers (or on the x87 stack) at
    the CallSite's dest."""
    size = ret.size()
    if rcls == [COMPLEX_X87] or rcls[:1] == [X87]:
        if cs.dest is None:
            sel.emit(MInst("fstp", text="fstp %st(0)"))
            if rcls == [COMPLEX_X87]:
                sel.emit(MInst("fstp", text="fstp %st(0)"))
            return
        d = sel.address(cs.dest)
        fstpt(sel, d)
        if rcls == [COMPLEX_X87]:
            fstpt(sel, mem_off(d, 16))
        return
    # Copy the return registers out first: evaluating dest may need them.
    parts: List[Tuple[str, Reg, int]] = []
    gi = si = 0
    k = 0
    while k < len(rcls):
        c = rcls[k]
        n = min(8, size - 8 * k)
        if c == INTEGER:
            v = sel.new_vreg("gpr")
            sel.emit(move(v, P[("rax", "rdx")[gi]]))
            gi += 1
            parts.append((c, v, k))
        elif c == SSE:
            v = sel.new_vreg("fpr")
            sel.emit(move(v, P[("xmm0", "xmm1")[si]]))
            si += 1
            if k + 1 < len(rcls) and rcls[k + 1] == SSEUP:
                parts.append(("SSE16", v, k))
                k += 1
            else:
                parts.append((c, v, k))
        k += 1
    if cs.dest is None:
        return
    d = sel.address(cs.dest)
    for c, v, k in parts:
        n = min(8, size - 8 * k)
        if c == INTEGER:
            store_int(sel, v, mem_off(d, 8 * k), n)
        elif c == "SSE16":
            store_sse(sel, v, mem_off(d, 8 * k), 16)
        else:
            store_sse(sel, v, mem_off(d, 8 * k), 4 if n <= 4 else 8)
