"""Where each argument of a call travels (SysV x86-64, psABI 3.2.3).

`assign_args` is shared by the caller side (emit_call) and the callee side
(emit_params), so both agree by construction.
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from lcc.target.x86_64.abi_classify import INTEGER, SSE, SSEUP, classify, passed_in_memory


class ArgLoc:
    """One argument's location.

    kind     "int" (one gpr), "sse" (one xmm), "x87" (long double: stack),
             "agg" (aggregate in registers), "mem" (aggregate on the stack)
    regs     for "int"/"sse": [index]; for "agg": [(class, index)] per
             eightbyte (class INTEGER: gpr index, SSE: xmm index; SSEUP
             rides in the preceding xmm; NO_CLASS: index -1)
    stack    byte offset in the argument area (from the first stack
             argument) for arguments passed on the stack, else -1
    size     bytes of the argument
    """
    __slots__ = ("kind", "regs", "stack", "size", "classes")

    def __init__(self, kind: str, size: int) -> None:
        self.kind = kind
        self.regs: List[Any] = []
        self.stack = -1
        self.size = size
        self.classes: List[str] = []

    def __repr__(self) -> str:
        return "ArgLoc(%s %r stack=%d)" % (self.kind, self.regs, self.stack)


def arg_kind(letter: str, size: int, ctype: Any) -> str:
    """The ABI kind of an argument of IR type letter+size and C type."""
    if letter == "F" and size == 16:
        return "x87"
    if letter == "F":
        return "sse"
    if letter in "IUP":
        return "int"
    return "agg"


def letter_of(ctype: Any) -> Tuple[str, int]:
    """The IR letter and size of a C type (docs/backend.md's table)."""
    if ctype.is_pointer or getattr(ctype, "is_func", False) or ctype.is_array:
        return "P", 8
    if ctype.is_integer:
        n = ctype.size()
        if n == 16:
            return "B", 16
        return ("I" if ctype.signed else "U"), n
    if ctype.is_float and not ctype.complex and ctype.kind != "_Float128":
        return "F", ctype.size()
    return "B", ctype.size()


def stack_align(ctype: Any, kind: str) -> int:
    """gcc's argument boundary: the alignment of the type's main variant
    (an `aligned` typedef does not count), at least 8, with no upper cap
    (since GCC 4.6 a 32-byte vector sits at a 32-byte boundary)."""
    if kind == "x87":
        return 16
    if ctype is None:
        return 8
    if getattr(ctype, "is_vector", False) and ctype.size() & (ctype.size() - 1) == 0:
        return max(ctype.size(), 8)     # gcc aligns a vector to its size (sema: 16 at most)
    try:
        a = ctype.natural_align()
    except Exception:
        a = ctype.align()
    return max(a, 8)


def assign_args(args: List[Tuple[str, int, Any]], gp_start: int = 0
                ) -> Tuple[List[ArgLoc], int, int, int]:
    """args: [(letter, size, ctype)].  Returns (locations, stack bytes
    used (not rounded to 16), gprs used, xmms used)."""
    gp, fp, off = gp_start, 0, 0
    locs: List[ArgLoc] = []
    for letter, size, ctype in args:
        kind = arg_kind(letter, size, ctype)
        if kind == "agg":
            size = ctype.size()
        loc = ArgLoc(kind, size)
        if kind == "int" and gp < 6:
            loc.regs = [gp]
            gp += 1
        elif kind == "sse" and fp < 8:
            loc.regs = [fp]
            fp += 1
        elif kind == "agg" and not passed_in_memory(ctype):
            cls = classify(ctype)
            loc.classes = cls
            ni = cls.count(INTEGER)
            ns = cls.count(SSE)
            if gp + ni <= 6 and fp + ns <= 8:
                for c in cls:
                    if c == INTEGER:
                        loc.regs.append((c, gp))
                        gp += 1
                    elif c == SSE:
                        loc.regs.append((c, fp))
                        fp += 1
                    elif c == SSEUP:
                        loc.regs.append((c, fp - 1))
                    else:
                        loc.regs.append((c, -1))
            else:
                loc.kind = "mem"
        elif kind == "agg":
            loc.kind = "mem"
        if not loc.regs or loc.kind == "mem":
            loc.regs = []
            if kind == "agg":
                loc.kind = "mem"
            if size > 0 or kind != "agg":
                a = stack_align(ctype, kind)
                off = (off + a - 1) // a * a
                loc.stack = off
                off += (max(size, 8) + 7) // 8 * 8
        locs.append(loc)
    return locs, off, gp, fp


def ret_classes(ctype: Any) -> Optional[List[str]]:
    """Classes of a return type of letter B, or None for void."""
    if ctype is None or ctype.is_void:
        return None
    return classify(ctype)
