"""GNU inline asm statements with operands."""
from __future__ import annotations

from typing import Any


def emit_asm(sel: Any, node: Any) -> None:
    raise NotImplementedError("inline_asm.emit_asm")
