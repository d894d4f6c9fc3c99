"""lcc's own assembler: GNU-syntax AT&T assembly to ELF relocatable
objects (see docs/asm-link.md).

    assemble(text, path) -> bytes     raises AssemblyError ("path:line: Error: ...")
"""
from __future__ import annotations

from typing import Any


def assemble(text: str, path: str = "<stdin>") -> bytes:
    from lcc.asm.assembler import assemble as _assemble
    return _assemble(text, path)


def __getattr__(name: str) -> Any:
    if name == "AssemblyError":
        from lcc.asm.assembler import AssemblyError
        return AssemblyError
    raise AttributeError(name)
