"""Run the allocator with its checker over the MFunctions of C files
(lowered and selected by lcc): python3 tests/regalloc_torture.py [N] [files...]"""
from __future__ import annotations

import io
import os
import sys
import time
import traceback
from typing import Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lcc.diagnostics import CompileError, Diagnostics  # noqa: E402


def lower_path(path: str):  # type: ignore[no-untyped-def]
    """Lower a C file; None when the front end rejects it."""
    from lcc import parse as parser
    from lcc import sema
    from lcc.driver import parse_args
    from lcc.ir.lower import lower_unit
    from lcc.preprocess import Preprocessor

    opts = parse_args(["-fsyntax-only", "-w", path])
    diags = Diagnostics(io.StringIO(), warnings=False)
    tokens = Preprocessor(opts, diags).run(path)
    unit = parser.parse(tokens, opts, diags)
    if diags.errors:
        return None
    analyzer = sema.analyze(unit, opts, diags)
    if diags.errors:
        return None
    return lower_unit(unit, analyzer, opts.target, opts)


def check_file(path: str, stats: Dict[str, float]) -> List[str]:
    """Allocate (with the checker) every function lcc can select; return
    the failures as text."""
    from lcc.regalloc import allocate
    from lcc.target.x86_64.isel import Pool, Selector
    from lcc.target.x86_64.regs import REGS

    try:
        module = lower_path(path)
    except CompileError:
        stats["unsupported"] = stats.get("unsupported", 0) + 1
        return []
    if module is None:
        return []
    pool = Pool(module)
    errors: List[str] = []
    for fn in module.functions:
        try:
            mf = Selector(module, fn, pool=pool).run()
        except CompileError:
            stats["unsupported"] = stats.get("unsupported", 0) + 1
            continue
        n = sum(len(b.insts) for b in mf.blocks)
        t0 = time.perf_counter()
        try:
            allocate(mf, REGS, check=True)
        except Exception:
            errors.append("%s: %s\n%s" % (path, fn.name, traceback.format_exc(limit=3)))
        stats["time"] = stats.get("time", 0.0) + time.perf_counter() - t0
        stats["insts"] = stats.get("insts", 0) + n
        stats["functions"] = stats.get("functions", 0) + 1
    return errors


def main(argv: List[str]) -> int:
    from tests.corpora import torture_tests
    files = [a for a in argv if a.endswith(".c")]
    nums = [a for a in argv if a.isdigit()]
    if not files:
        files = torture_tests("execute")
        if nums:
            step = max(1, len(files) // int(nums[0]))
            files = files[::step]
    stats: Dict[str, float] = {}
    bad = 0
    for f in files:
        try:
            errs = check_file(f, stats)
        except Exception:
            errs = []
            stats["frontend_crash"] = stats.get("frontend_crash", 0) + 1
        for e in errs:
            bad += 1
            print(e)
    print("files %d, %s, failures %d" % (len(files), stats, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
