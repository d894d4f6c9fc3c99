"""`--suite layout`: the random struct-layout oracle as a conformance suite.

    python -m tools.conformance --suite layout --target all

tools/gen_layout.py makes random struct and union types, has the target's
gcc build and run (under qemu-user for the cross targets) a program that
prints their sizeof, _Alignof and offsetof, and writes a file of
`_Static_assert`s with gcc's values. Here that is done for CHUNKS seeds
(TYPES types each), one test per chunk: `layout/<seed>.c` in
build/layout/suite-<target>/. lcc must accept each file with
`-fsyntax-only` exactly as gcc does (the syntax mode's oracle, cached), so
a failing test's first diagnostic names the type and member whose layout
differs, e.g. "S17 offsetof m3 == 12" (gcc's value after the ==). Works
for every target (it needs no code generation from lcc).
"""
from __future__ import annotations

import os
from typing import List

from tools.conformance.dg import TortureTest
from tools.conformance.modes import ROOT, SyntaxMode

CHUNKS = 10
TYPES = 50
FIRST_SEED = 20261124


def _gen_layout():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "gen_layout", os.path.join(ROOT, "tools", "gen_layout.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(target: str, chunks: int = CHUNKS, types: int = TYPES) -> List[TortureTest]:
    """Write the assertion files (gcc's values are cached by gen_layout)."""
    gl = _gen_layout()
    out_dir = os.path.join(ROOT, "build", "layout", f"suite-{target}")
    os.makedirs(out_dir, exist_ok=True)
    tests = []
    for k in range(chunks):
        seed = FIRST_SEED + k
        path = os.path.join(out_dir, f"{seed}.c")
        try:
            text, _ = gl.build(target, types, seed)
        except gl.OracleError as e:
            raise SystemExit(f"layout oracle for {target}: {e}")
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            # Rewritten only when it changed: the verdict cache is keyed by
            # the file's digest anyway, but this keeps mtimes meaningful.
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        t = TortureTest(path, "layout")
        t.action = "compile"
        tests.append(t)
    return tests


class LayoutMode(SyntaxMode):
    """The syntax mode on the generated assertion files; its own name, so
    the results file is results/latest-<target>-layout.json."""

    name = "layout"
