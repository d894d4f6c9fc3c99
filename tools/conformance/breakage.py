"""A deliberately broken lcc, to check that the harness notices regressions.

    LCC_CONFORMANCE_BREAK=int7 python -m tools.conformance ... --compare results/

With `LCC_CONFORMANCE_BREAK=int7` the harness patches lcc in its own
process before the pool workers fork (so they inherit it): the integer
constant 7 reads as 8. Every test whose result depends on a literal 7
changes behaviour; `--compare` against a run of the intact lcc must list
exactly those as newly failing. Nothing in lcc itself changes, and the
patch lives only in the harness process and its workers (lcc run as a
subprocess, as by `--cc` or `--reduce`, is intact).
"""
from __future__ import annotations

import os
from typing import Any, Tuple

VARIABLE = "LCC_CONFORMANCE_BREAK"
KINDS = ("int7",)


def break_int7() -> None:
    """Make lcc read the integer constant 7 as 8 (in this process)."""
    from lcc.sema import litexprs

    real = litexprs.split_int
    if getattr(real, "_broken", False):
        return

    def broken(text: str) -> Tuple[Any, str, bool]:
        v, suffix, dec = real(text)
        return (8 if v == 7 else v), suffix, dec

    broken._broken = True  # type: ignore[attr-defined]
    litexprs.split_int = broken


def apply_from_env() -> str:
    """Apply the breakage the environment asks for; returns its name."""
    kind = os.environ.get(VARIABLE, "")
    if not kind:
        return ""
    if kind == "int7":
        break_int7()
        return kind
    raise SystemExit(f"{VARIABLE}={kind!r}: known kinds are {', '.join(KINDS)}")
