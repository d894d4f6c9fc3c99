"""Assembler text for static data and module-level directives."""
from __future__ import annotations

from typing import Any


def emit_data(module: Any) -> str:
    raise NotImplementedError("data.emit_data")
