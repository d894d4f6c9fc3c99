"""`va_arg` for the SysV x86-64 ABI, lowered to tree IR.

The va_list is `struct { unsigned gp_offset, fp_offset; void
*overflow_arg_area, *reg_save_area; }`: the register save area holds the
six integer argument registers (48 bytes) then the eight xmm registers
(16 bytes each).  An argument whose eightbytes are all INTEGER/SSE is
taken from the save area while enough registers of each kind are left
(gp_offset <= 48 - 8 * needed, fp_offset <= 176 - 16 * needed), else from
the overflow area, as are MEMORY, X87 (long double) and COMPLEX_X87
arguments.  The overflow area pointer is aligned to 16 first for types
aligned to more than 8, and advanced by the size rounded up to 8.
(psABI 3.5.7.)
"""
from __future__ import annotations

from typing import Any, List

from lcc.diagnostics import CompileError
from lcc.ir.lower_types import is_memory_type
from lcc.ir.tree import Node
from lcc.sema.types import PointerType, is_vm_record


def _k(v: int, letter: str = "I", size: int = 8) -> Node:
    return Node("CNST%s%d" % (letter, size), (), v)


def _field(lw: Any, ap: Node, off: int) -> Node:
    a = lw.clone(ap)
    return Node("ADDP8", (a, _k(off))) if off else a


def va_list_pointer(lw: Any, e: Any) -> Node:
    """The address of the va_list object an expression designates (a
    va_list variable decays to a pointer; a va_list parameter is one)."""
    t = e.type
    if t.is_pointer:
        return lw.expr(e)
    return lw.addr(e)


def va_arg(lw: Any, e: Any) -> Node:
    """The value tree (scalar types) or the address (memory-only types) of
    the next variadic argument of type e.type."""
    from lcc.target.x86_64.abi import classify
    t = e.type
    if t.is_void:
        raise CompileError(e.loc, "va_arg of void type")
    if is_vm_record(t):
        # Passed by invisible reference (lower_vm): the pointer is the address.
        from lcc.ir import lower_vm
        return va_arg(lw, lower_vm.va_arg_pointer(e, PointerType(t)))
    ap = lw.stable(va_list_pointer(lw, e.expr))
    size = t.size()
    classes: List[str] = list(classify(t))
    res = lw.new_temp("P", 8)
    done = lw.new_label()
    use_regs = bool(classes) and all(c in ("INTEGER", "SSE", "SSEUP") for c in classes)
    if use_regs:
        n_gp = sum(1 for c in classes if c == "INTEGER")
        n_fp = sum(1 for c in classes if c == "SSE")
        ovf = lw.new_label()
        if n_gp:
            lw.emit(Node("GTU4", (Node("INDIRU4", (_field(lw, ap, 0),)),
                                  _k(48 - 8 * n_gp, "U", 4)), ovf))
        if n_fp:
            lw.emit(Node("GTU4", (Node("INDIRU4", (_field(lw, ap, 4),)),
                                  _k(176 - 16 * n_fp, "U", 4)), ovf))
        _from_regs(lw, ap, classes, size, t, res)
        lw.jump(done)
        lw.start_block(ovf)
    _from_stack(lw, ap, t, size, res)
    lw.start_block(done)
    addr = lw.read(res)
    if is_memory_type(t):
        return addr
    return lw.load(addr, t)


def _save_slot(lw: Any, ap: Node, which: int, extra: int) -> Node:
    """reg_save_area + gp_offset (which 0) or + fp_offset (which 4), + extra."""
    area = Node("INDIRP8", (_field(lw, ap, 16),))
    off = Node("CVUU8", (Node("INDIRU4", (_field(lw, ap, which),)),))
    if extra:
        off = Node("ADDU8", (off, _k(extra, "U", 8)))
    return Node("ADDP8", (area, off))


def _from_regs(lw: Any, ap: Node, classes: List[str], size: int, t: Any, res: str) -> None:
    # eightbytes in order: where each comes from
    srcs = []
    gi = fi = 0
    i = 0
    while i < len(classes):
        c = classes[i]
        if c == "INTEGER":
            srcs.append((0, 8 * gi, 8))
            gi += 1
        elif c == "SSE":
            n = 8
            while i + 1 < len(classes) and classes[i + 1] == "SSEUP":
                n += 8
                i += 1
            srcs.append((4, 16 * fi, n))
            fi += 1
        i += 1
    contiguous = len(srcs) == 1 or all(s[0] == 0 for s in srcs)
    if contiguous:
        lw.write(res, _save_slot(lw, ap, srcs[0][0], 0))
    else:
        tmp = lw.new_mem(max(size, 16), max(t.align(), 8))
        pos = 0
        for which, extra, n in srcs:
            n = min(n, size - pos)
            if n <= 0:
                break
            dst = Node("ADDRLP8", (), tmp)
            if pos:
                dst = Node("ADDP8", (dst, _k(pos)))
            lw.emit(Node("ASGNB", (dst, Node("INDIRB", (_save_slot(lw, ap, which, extra),))), n))
            pos += n
        lw.write(res, Node("ADDRLP8", (), tmp))
    if gi:
        lw.emit(Node("ASGNU4", (_field(lw, ap, 0), Node("ADDU4", (
            Node("INDIRU4", (_field(lw, ap, 0),)), _k(8 * gi, "U", 4))))))
    if fi:
        lw.emit(Node("ASGNU4", (_field(lw, ap, 4), Node("ADDU4", (
            Node("INDIRU4", (_field(lw, ap, 4),)), _k(16 * fi, "U", 4))))))


def _from_stack(lw: Any, ap: Node, t: Any, size: int, res: str) -> None:
    p: Node = Node("INDIRP8", (_field(lw, ap, 8),))
    # gcc's argument boundary: the type's own alignment (32 for a 32-byte
    # vector or an aligned(32) struct), the same rule the caller used.
    from lcc.target.x86_64.abi_assign import stack_align
    a = stack_align(t, "mem")
    if a > 8:
        # (p + a-1) & -a, through integers
        p = Node("CVUP8", (Node("BANDU8", (Node("ADDU8", (Node("CVPU8", (p,)), _k(a - 1, "U", 8))),
                                           _k((1 << 64) - a, "U", 8))),))
    lw.write(res, p)
    step = (size + 7) & ~7
    lw.emit(Node("ASGNP8", (_field(lw, ap, 8), Node("ADDP8", (lw.read(res), _k(step))))))


def va_copy(lw: Any, dst: Any, src: Any) -> None:
    """`__builtin_va_copy(dst, src)`: copy the 24-byte va_list."""
    d = va_list_pointer(lw, dst)
    s = va_list_pointer(lw, src)
    lw.emit(Node("ASGNB", (d, Node("INDIRB", (s,))), 24))


def va_start(lw: Any, ap: Any) -> None:
    lw.emit(Node("VASTARTV", (va_list_pointer(lw, ap),)))
