"""Frame layout, prologue and epilogue (after register allocation)."""
from __future__ import annotations

from typing import Any


def finish(mf: Any) -> None:
    raise NotImplementedError("frame.finish")
