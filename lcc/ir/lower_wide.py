"""Lowering of the memory-only arithmetic types: __int128 and _Complex.

(first version: entry points only; see the module as it grows)
"""
from __future__ import annotations

from typing import Any

from lcc.diagnostics import CompileError
from lcc.ir.tree import Node


def expr(lw: Any, e: Any) -> Node:
    """Lower an expression of type __int128/_Complex (or with such an
    operand): the address of a memory temp holding the result, or the value
    tree when the result type is scalar."""
    raise CompileError(getattr(e, "loc", None), "__int128 and _Complex are not supported yet")


def cond(lw: Any, e: Any, t: str, f: str) -> None:
    """Branch to t if the wide-typed expression e is nonzero, else to f."""
    raise CompileError(getattr(e, "loc", None), "__int128 and _Complex are not supported yet")
