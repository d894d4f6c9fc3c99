"""Semantic analysis: types the AST built by the parser.

`analyze(unit, opts, diags)` resolves every declaration to Symbols with
types, lays out structs per the target ABI, types every expression (setting
`.type`, `.symbol`, `.value`), makes implicit conversions explicit as
ImplicitCast nodes, flattens initializers, and reports constraint
violations through `diags`. docs/sema.md describes the typed AST.
"""
from __future__ import annotations

from typing import Any

from lcc.sema.core import Analyzer


def analyze(unit: Any, opts: Any, diags: Any) -> Analyzer:
    a = Analyzer(opts, diags)
    a.unit(unit)
    return a
