"""Semantic analysis: types the AST built by the parser.

`analyze(unit, opts, diags)` resolves every declaration to Symbols with
types, lays out structs per the target ABI, types every expression (setting
`.type`, `.symbol`, `.value`), makes implicit conversions explicit as
ImplicitCast nodes, flattens initializers, and reports constraint
violations through `diags`. docs/sema.md describes the typed AST.
"""
from __future__ import annotations

import gc
from typing import Any

from lcc.sema.core import Analyzer


def analyze(unit: Any, opts: Any, diags: Any) -> Analyzer:
    a = Analyzer(opts, diags)
    # The tokens and the AST are alive for the whole analysis: without this,
    # CPython's cyclic GC rescans those millions of objects again and again
    # (measured: sema of sqlite3.c 9.4 s -> see docs/sema.md).
    freeze = getattr(gc, "freeze", None)
    if freeze is not None:
        freeze()
    try:
        a.unit(unit)
    finally:
        unfreeze = getattr(gc, "unfreeze", None)
        if unfreeze is not None:
            unfreeze()
    return a
