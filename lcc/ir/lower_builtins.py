"""Lowering of builtin calls and of va_arg.

(first version: entry points only)
"""
from __future__ import annotations

from typing import Any, Optional

from lcc.diagnostics import CompileError
from lcc.ir.tree import Node


def call(lw: Any, e: Any) -> Optional[Node]:
    """Lower a call of a builtin; NotImplementedError for builtins that are
    plain library functions (the caller then calls the name without
    `__builtin_`)."""
    raise NotImplementedError


def va_arg(lw: Any, e: Any) -> Node:
    """Lower `__builtin_va_arg(ap, T)` (ast.VaArg) per the SysV x86-64 ABI."""
    raise CompileError(getattr(e, "loc", None), "va_arg is not supported yet")
