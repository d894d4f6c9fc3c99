"""-finstrument-functions: calls of the profiling hooks.

gcc (gimplify_function_tree) wraps the body of every function it emits
in

    __cyg_profile_func_enter(this_fn, call_site);
    ... body ...
    __cyg_profile_func_exit(this_fn, call_site);   before each return

with this_fn the function's own address and call_site
`__builtin_return_address(0)`.  Left out are functions declared (in any
declaration) with `__attribute__((no_instrument_function))` and extern
`gnu_inline` always_inline bodies, which lcc never emits anyway.  Inline
functions that are emitted (static inline, C99 inline definitions) ARE
instrumented: gcc 12 does so, checked with `gcc -S -finstrument-functions`.

The calls are made in the IR, not in the prologue/epilogue: there the
incoming argument registers and the return value would have to be saved
around them.  At a return the value is computed first (into a
temporary), then the exit hook runs, then the function returns it.
"""
from __future__ import annotations

from typing import Any, List

from lcc.ir.func import AsmInfo
from lcc.ir.tree import Node
from lcc.sema.types import FuncType

ENTER = "__cyg_profile_func_enter"
EXIT = "__cyg_profile_func_exit"


def wanted(lw: Any, sym: Any) -> bool:
    """Whether the function being lowered gets the hooks."""
    if not getattr(lw.opts, "instrument_functions", False):
        return False
    return "no_instrument_function" not in (getattr(sym, "attrs", None) or [])


def _hook(lw: Any, name: str) -> None:
    """name(this_fn, __builtin_return_address(0))."""
    ts = lw.ts
    tmp = lw.new_mem(8, 8)
    # The back end always keeps %rbp as the frame pointer: 8(%rbp) is the
    # return address, as in gcc's own -O0 code for this.
    lw.emit(Node("ASMV", (), AsmInfo("movq 8(%%rbp), %0",  # type: ignore[arg-type]
                                     [("=r", Node("ADDRLP8", (), tmp))], [], [])))
    site = Node("INDIRP8", (Node("ADDRLP8", (), tmp),))
    args: List[Any] = [(Node("ADDRGP8", (), lw.fn.name), ts.voidp), (site, ts.voidp)]
    lw.call(Node("ADDRGP8", (), name), FuncType(ts.void, [ts.voidp, ts.voidp]), args, ts.void)


def enter(lw: Any) -> None:
    """The entry hook (after the parameters are in their homes)."""
    _hook(lw, ENTER)


def before_return(lw: Any, ret: Node) -> Node:
    """Emit the exit hook ahead of the RET tree `ret`; returns the RET to
    emit after it (its value now read from a temporary)."""
    if ret.op.letter == "V":
        _hook(lw, EXIT)
        return ret
    kid = ret.kids[0]
    if ret.op.letter == "B":
        # The value may live where the hook could change it (`return *p;`):
        # copy it out first, as gcc does into its result slot.
        rt = lw.ret_type
        tmp = lw.new_mem(rt.size(), rt.align())
        lw.copy_block(Node("ADDRLP8", (), tmp), kid, rt.size())
        _hook(lw, EXIT)
        return Node(ret.op.name, (Node("ADDRLP8", (), tmp),), ret.value)
    v = lw.stable(kid)
    _hook(lw, EXIT)
    return Node(ret.op.name, (v,), ret.value)
