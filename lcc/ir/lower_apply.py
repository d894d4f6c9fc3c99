"""Lowering of __builtin_apply_args, __builtin_apply and __builtin_return.

gcc's "untyped" calls: forward the arguments a function received to
another function without knowing their types, and return whatever that
returned.

- `__builtin_apply_args()`: the address of a block in the frame that the
  back end fills at function entry with the incoming argument registers
  and the address of the stack arguments (the function gets the
  attribute `apply_args=<Local>`; lcc.target.x86_64.apply.save_incoming).
- `__builtin_apply(fn, args, size)`: one asm statement (its text from
  the target) copies `size` bytes of stack arguments, loads the argument
  registers from `args`, calls fn and stores the value registers into a
  result block, whose address is the builtin's value.
- `__builtin_return(result)`: an asm statement loads the value registers
  from the block, then the function returns without a value of its own
  (a RETV: the registers stay as loaded).

Every asm operand is a frame slot addressed from %rbp: the asm moves
%rsp and loads every argument register, so no operand may live in a
register or be addressed from %rsp.
"""
from __future__ import annotations

from typing import Any, List, Optional

from lcc.diagnostics import CompileError
from lcc.ir.func import AsmInfo
from lcc.ir.tree import Node


def _target(lw: Any) -> Any:
    if lw.target.name != "x86_64":
        raise CompileError(None, "__builtin_apply is not supported yet on %s" % lw.target.name)
    from lcc.target.x86_64 import apply
    return apply


def lower(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """The lower_builtins handler of the three builtins."""
    if short == "apply_args":
        return _apply_args(lw)
    if short == "apply":
        return _apply(lw, e, args)
    _return(lw, e, args)
    return None


def _apply_args(lw: Any) -> Node:
    tgt = _target(lw)
    name = ".apply_args"
    if name not in lw.fn.locals:
        from lcc.ir.func import Local
        lw.fn.locals[name] = Local(name, tgt.ARGS_SIZE, 16)
        lw.fn.attrs.append(tgt.block_attr(name))
    return Node("ADDRLP8", (), name)


def _slot(lw: Any, value: Node) -> Node:
    """The address of a fresh 8-byte frame slot holding value."""
    tmp = lw.new_mem(8, 8)
    op = value.op
    lw.emit(Node("ASGN%s%d" % (op.letter, op.size), (Node("ADDRLP8", (), tmp), value)))
    return Node("ADDRLP8", (), tmp)


def _apply(lw: Any, e: Any, args: List[Any]) -> Node:
    tgt = _target(lw)
    if len(args) != 3:
        raise CompileError(e.loc, "wrong number of arguments to '__builtin_apply'")
    ts = lw.ts
    fn = _slot(lw, lw.convert(lw.expr(args[0]), args[0].type, ts.voidp))
    block = _slot(lw, lw.convert(lw.expr(args[1]), args[1].type, ts.voidp))
    size = _slot(lw, lw.convert(lw.expr(args[2]), args[2].type, ts.ulong))
    result = lw.new_mem(tgt.RESULT_SIZE, 16)
    res_ptr = _slot(lw, Node("ADDRLP8", (), result))
    old_sp = Node("ADDRLP8", (), lw.new_mem(8, 8))
    ins = [("m", fn), ("m", block), ("m", size), ("m", res_ptr), ("m", old_sp)]
    lw.emit(Node("ASMV", (), AsmInfo(tgt.apply_text(), [], ins,  # type: ignore[arg-type]
                                     list(tgt.CLOBBERS))))
    return lw.convert(Node("ADDRLP8", (), result), ts.voidp, e.type)


def _return(lw: Any, e: Any, args: List[Any]) -> None:
    tgt = _target(lw)
    if len(args) != 1:
        raise CompileError(e.loc, "wrong number of arguments to '__builtin_return'")
    block = _slot(lw, lw.convert(lw.expr(args[0]), args[0].type, lw.ts.voidp))
    # What a return does before the value is in place (restoring nested
    # functions' chains) is done first: after the asm statement nothing may
    # touch the value registers.  No -finstrument-functions exit hook: gcc
    # calls none here either (its hook is a cleanup the untyped return skips).
    if lw.chains:
        lw.restore_chains()
    lw.emit(Node("ASMV", (), AsmInfo(tgt.return_text(_x87_values(lw.ret_type)), [],  # type: ignore
                                     [("m", block)], list(tgt.CLOBBERS))))
    assert lw.cur is not None
    lw.cur.trees.append(Node("RETV"))     # not lw.emit: no second exit hook


def _x87_values(rt: Any) -> int:
    """How many x87 registers a function of return type rt returns in."""
    from lcc.sema.types import FloatType
    if isinstance(rt, FloatType) and rt.kind == "long double":
        return 2 if rt.complex else 1
    return 0
