"""__builtin_apply_args, __builtin_apply, __builtin_return: the x86-64
pieces (the lowering is lcc/ir/lower_apply.py).

The blocks have gcc's layout (checked against `gcc -S`), so a block made
by code gcc compiled can be handed to code lcc compiled and back.  gcc
lays them out in its register-number order (ax dx cx bx si di bp sp st0..
xmm0..7 mm0..7 r8..r15), each register that can carry an argument (a
value) at its mode's size and alignment:

    arguments (192 bytes)           result (96 bytes)
      0  incoming stack-arg pointer   0  rax
      8  rax (the varargs count)      8  rdx
     16  rdx                         16  rsi
     24  rcx                         24  rdi
     32  rsi                         32  st0 (80-bit, 16-byte slot)
     40  rdi                         48  st1
     48  xmm0 .. xmm7 (16 each)      64  xmm0
    176  r8                          80  xmm1
    184  r9
"""
from __future__ import annotations

import re
from typing import Any, List, Tuple

from lcc.mir import Mem, RegOp
from lcc.target.x86_64.abi_util import mk, rbp_mem
from lcc.target.x86_64.regs import P

ARGS_SIZE = 192
RESULT_SIZE = 96
_ARG_GPRS: List[Tuple[str, int]] = [("rax", 8), ("rdx", 16), ("rcx", 24), ("rsi", 32),
                                    ("rdi", 40), ("r8", 176), ("r9", 184)]
_RES_GPRS: List[Tuple[str, int]] = [("rax", 0), ("rdx", 8), ("rsi", 16), ("rdi", 24)]
_ATTR = "apply_args="
# Registers __builtin_apply's asm statement destroys: it calls an unknown
# function (every caller-saved register) and loads the argument registers.
CLOBBERS = ["rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
            "memory", "cc"] + ["xmm%d" % i for i in range(16)]


def block_attr(local: str) -> str:
    """The Function attribute naming the Local that holds the arguments block."""
    return _ATTR + local


def save_incoming(sel: Any) -> None:
    """At function entry, before the parameters leave their registers:
    fill the arguments block of a function calling __builtin_apply_args
    (gcc saves them in its prologue the same way)."""
    names = [a[len(_ATTR):] for a in sel.fn.attrs if a.startswith(_ATTR)]
    if not names:
        return
    home = sel.home(names[0])
    assert isinstance(home, Mem)

    def at(off: int) -> Mem:
        return Mem(slot=home.slot, disp=home.disp + off)

    for r, off in _ARG_GPRS:
        sel.emit(mk("movq", RegOp(P[r], 8), at(off)))
    for i in range(8):
        sel.emit(mk("movups", RegOp(P["xmm%d" % i], 16), at(48 + 16 * i)))
    # The incoming stack arguments: 16(%rbp), or %r10 when the prologue
    # realigned the frame (lcc.target.x86_64.abi, "realign").
    p = sel.new_vreg("gpr")
    if "realign" in sel.mf.info:
        sel.emit(mk("movq", RegOp(P["r10"], 8), RegOp(p, 8)))
    else:
        sel.emit(mk("leaq", rbp_mem(16), RegOp(p, 8)))
    sel.emit(mk("movq", RegOp(p, 8), at(0)))


def apply_text() -> str:
    """The asm template of `__builtin_apply(fn, args, size)`, result in %3.

    Operands are frame slots (%rbp-relative, so still right after %rsp
    moves): %0 fn, %1 the arguments block's address, %2 size, %3 the
    result block, %4 a slot for the old %rsp.  Like gcc: copy `size` bytes
    of stack arguments to a fresh area at the stack top (16-aligned),
    load the argument registers, call, store the value registers, give
    the stack back.  %al is 8, the upper bound of vector registers used
    (gcc passes 7; either is right for a callee that tests %al)."""
    lines = [
        "movq %rsp, %4",
        "movq %2, %rcx",
        "leaq 15(%rcx), %rax",
        "andq $-16, %rax",
        "subq %rax, %rsp",
        "movq %1, %r10",
        "movq (%r10), %rsi",
        "movq %rsp, %rdi",
        "rep movsb",
    ]
    for r, off in _ARG_GPRS[1:]:
        lines.append("movq %d(%%r10), %%%s" % (off, r))
    for i in range(8):
        lines.append("movups %d(%%r10), %%xmm%d" % (48 + 16 * i, i))
    lines += ["movq %0, %r11", "movl $8, %eax", "call *%r11", "movq %3, %r10"]
    for r, off in _RES_GPRS:
        lines.append("movq %%%s, %d(%%r10)" % (r, off))
    # gcc treats the call as returning a complex long double: both x87
    # registers are popped (an empty one stores a NaN, harmlessly).
    lines += ["fstpt 32(%r10)", "fstpt 48(%r10)",
              "movups %xmm0, 64(%r10)", "movups %xmm1, 80(%r10)",
              "movq %4, %rsp"]
    return _escape(lines)


def _escape(lines: List[str]) -> str:
    """Template text: register names take '%%', operands stay '%N'."""
    return "\n\t".join(re.sub(r"%(?!\d)", "%%", ln) for ln in lines)


def return_text(x87: int) -> str:
    """The asm template of `__builtin_return(result)` (%0: the result
    block's address in a slot): the value registers from the block.  x87
    is how many of st0/st1 the function's return type returns in (gcc's
    stack fix-up drops the others: an unpopped %st would leak)."""
    lines = ["movq %0, %r10"]
    if x87 == 2:
        lines.append("fldt 48(%r10)")
    if x87:
        lines.append("fldt 32(%r10)")
    lines += ["movups 64(%r10), %xmm0", "movups 80(%r10), %xmm1"]
    for r, off in reversed(_RES_GPRS):
        lines.append("movq %d(%%r10), %%%s" % (off, r))
    return _escape(lines)
