"""SysV x86-64 calling convention: classification, parameters, calls,
returns and va_start (docs/backend.md, "The selector's API").

The selector calls these hooks with itself as `sel`.
"""
from __future__ import annotations

from typing import Any, Optional

from lcc.target.x86_64.abi_classify import (  # noqa: F401  (re-exported)
    COMPLEX_X87, INTEGER, MEMORY, NO_CLASS, SSE, SSEUP, X87, X87UP, classify,
    passed_in_memory, reg_counts, returned_in_memory)


def emit_params(sel: Any) -> None:
    """Move incoming arguments into their homes (not written yet)."""
    raise NotImplementedError("abi.emit_params")


def emit_call(sel: Any, node: Any) -> Optional[Any]:
    raise NotImplementedError("abi.emit_call")


def emit_return(sel: Any, node: Any) -> None:
    raise NotImplementedError("abi.emit_return")


def emit_vastart(sel: Any, node: Any) -> None:
    raise NotImplementedError("abi.emit_vastart")
