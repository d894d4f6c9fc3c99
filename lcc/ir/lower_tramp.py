"""Trampolines: the address of a nested function that leaves its parent.

A nested function N reaches its parent's variables through the closure
block whose address the parent stores in the static pointer `N.chain`
(lower_nested.py), and N copies `N.chain` into a local on entry.  That is
enough while N is called directly by the activation that defined it; but
when N's address is taken (passed to another function, stored) and N is
called later through it, possibly while another activation of the parent
has pointed `N.chain` at its own closure, N must still find the closure of
the activation that took the address.  As gcc does, the address then is
that of a trampoline: a few instructions written into the parent's frame,

    movabs $closure, %r10
    movabs $N.chain, %r11
    movq   %r10, (%r11)          (gcc passes the chain in %r10 itself)
    movabs $N, %r11
    jmp    *%r11

and the object asks for an executable stack (`.note.GNU-stack,"x"`).
Direct calls of N by its parent store the parent's closure into `N.chain`
right before the call (and N's recursive calls of itself the closure it
was entered with), so a trampoline of another activation that ran in
between does not leave its closure behind.  (N's own address taken inside
N, or inside a sibling, stays N's plain address: the trampoline would
have to live in the parent's frame, out of their reach.)

`patch(lw, fn, defs)` runs on a function once it is lowered: `defs` maps
the names of the nested functions it defines (with a closure) to
(chain, closure Local).  Each ADDRGP8[N] that is not the callee of a
direct call becomes the address of N's trampoline, (re)written just
before that statement.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from lcc.ir.func import CallSite, Function
from lcc.ir.tree import Node

SIZE = 56
# The code, in 8-byte pieces so every immediate is an aligned quadword:
# (offset, bytes) of the fixed parts; the immediates go at 8, 24 and 40.
_NOP = 0x90
_CODE: List[Tuple[int, bytes]] = [
    (0, bytes([_NOP] * 6 + [0x49, 0xBA])),                     # movabs $imm, %r10
    (16, bytes([_NOP] * 6 + [0x49, 0xBB])),                    # movabs $imm, %r11
    (32, bytes([0x4D, 0x89, 0x13] + [_NOP] * 3 + [0x49, 0xBB])),  # movq %r10,(%r11); movabs
    (48, bytes([0x41, 0xFF, 0xE3] + [_NOP] * 5)),              # jmp *%r11
]


def _at(tramp: str, off: int) -> Node:
    a = Node("ADDRLP8", (), tramp)
    return Node("ADDP8", (a, Node("CNSTI8", (), off))) if off else a


def init_trees(tramp: str, closure: str, chain: str, target: str) -> List[Node]:
    """The statements writing the trampoline at Local `tramp`."""
    out = [Node("ASGNU8", (_at(tramp, off), Node("CNSTU8", (), int.from_bytes(code, "little"))))
           for off, code in _CODE]
    for off, value in ((8, Node("ADDRLP8", (), closure)), (24, Node("ADDRGP8", (), chain)),
                       (40, Node("ADDRGP8", (), target))):
        out.append(Node("ASGNP8", (_at(tramp, off), value)))
    return out


def _direct_callee(t: Node) -> Any:
    """The ADDRGP8 callee node of a direct call statement, else None."""
    if t.op.operation == "ASGN" and t.kids[1].op.operation == "CALL":
        t = t.kids[1]
    if t.op.operation == "CALL" and t.kids[0].op.name == "ADDRGP8":
        return t.kids[0]
    return None


def _nodes(t: Node) -> List[Node]:
    """Every node of statement t, the trees of a call's arguments and
    destination included."""
    out: List[Node] = []
    stack = [t]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.kids)
        v = n.value
        if isinstance(v, CallSite):
            stack.extend(a for a, _ in v.args)
            if v.dest is not None:
                stack.append(v.dest)
    return out


def patch(lw: Any, fn: Function, defs: Dict[str, Tuple[str, str]],
          own: Optional[Tuple[str, str]] = None) -> None:
    """Trampolines for the nested functions fn defines whose address is
    used other than as a direct callee (see the module doc).  own: fn's
    chain and the temporary holding its entry value, when fn is nested."""
    if not defs and own is None:
        return
    tramps: Dict[str, str] = {}
    for b in fn.blocks:
        out: List[Node] = []
        for t in b.trees:
            callee = _direct_callee(t)
            if callee is not None and callee.value in defs:
                chain, closure = defs[str(callee.value)]
                out.append(Node("ASGNP8", (Node("ADDRGP8", (), chain),
                                           Node("ADDRLP8", (), closure))))
            elif callee is not None and own is not None and callee.value == fn.name:
                out.append(Node("ASGNP8", (Node("ADDRGP8", (), own[0]),
                                           Node("INDIRP8", (Node("ADDRLP8", (), own[1]),)))))
            written = set()
            for n in _nodes(t):
                if n is callee or n.op.name != "ADDRGP8" or n.value not in defs:
                    continue
                name = str(n.value)
                chain, closure = defs[name]
                tramp = tramps.get(name)
                if tramp is None:
                    tramp = tramps[name] = lw.new_mem(SIZE, 16)
                if name not in written:
                    written.add(name)
                    out.extend(init_trees(tramp, closure, chain, name))
                n.op, n.value = Node("ADDRLP8").op, tramp
            out.append(t)
        b.trees = out
    if tramps:
        lw.module.names["exec_stack"] = True
