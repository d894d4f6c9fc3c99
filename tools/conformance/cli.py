"""`python -m tools.conformance`: run the GCC torture suites through lcc.

    python -m tools.conformance --target all --suite all --mode syntax -j 2
    python -m tools.conformance --target aarch64 --compare results/latest-aarch64-syntax.json
    python -m tools.conformance --reduce execute/20000112-1.c --target x86_64

Exit status: 0 when every test that gcc accepts passed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from tools.conformance import harness, report
from tools.conformance.harness import SUITES


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tools.conformance",
                                description="lcc against gcc on the GCC torture suites")
    p.add_argument("--target", default="x86_64",
                   choices=["x86_64", "aarch64", "riscv64", "all"])
    p.add_argument("--suite", default="all", choices=["compile", "execute", "all"])
    p.add_argument("--mode", default="syntax", choices=["syntax", "preprocess", "run"],
                   help="syntax: accept/reject as gcc -fsyntax-only; preprocess: -E "
                        "token sequences; run: compile, link and run (exit 0 = pass)")
    p.add_argument("--cc", metavar="COMPILER",
                   help="(run mode) compile with this compiler instead of lcc, e.g. gcc "
                        "to check the harness itself")
    p.add_argument("--run-timeout", type=float, default=10.0,
                   help="(run mode) seconds a test program may run")
    p.add_argument("-O", dest="opt", default="0", metavar="LEVEL",
                   help="optimisation level passed to both compilers (0,1,2,3,s)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per test")
    p.add_argument("--compare", metavar="OLD.json",
                   help="list tests newly failing / passing against an earlier run")
    p.add_argument("--groups", type=int, default=40, help="failure groups to show")
    p.add_argument("--no-save", action="store_true", help="don't write results/*.json")
    p.add_argument("--reduce", metavar="TEST",
                   help="shrink a failing test (e.g. execute/pr123.c) with creduce "
                        "into tests/reduced/")
    p.add_argument("files", nargs="*", help="only these test files")
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    targets = ["x86_64", "aarch64", "riscv64"] if args.target == "all" else [args.target]
    flags = [f"-O{args.opt}"]
    if args.reduce:
        from tools.conformance.reduce import reduce_test
        return reduce_test(args.reduce, targets[0], args.mode, flags)
    suites = list(SUITES) if args.suite == "all" else [args.suite]
    files = [os.path.abspath(f) for f in args.files] or None
    runs = []
    for target in targets:
        run = harness.run_suite(target, args.mode, suites, flags, args.jobs, args.timeout,
                                files, progress=True, cc=args.cc,
                                run_timeout=args.run_timeout if args.mode == "run" else None)
        runs.append(run)
        print(f"\n== {target} {args.mode}: failures by cause ==")
        print(report.groups_table(run, args.groups) if run.groups() else "(none)")
        if not args.no_save:
            path = report.save(run)
            print(f"results: {path}")
        if args.compare:
            old = args.compare
            if len(targets) > 1:
                # One file per target: accept a latest-* name for any target.
                old = old.replace(f"-{targets[0]}-", f"-{target}-")
            if os.path.exists(old):
                print(report.compare_text(run, old))
            else:
                print(f"--compare: {old} not found", file=sys.stderr)
    print()
    print(report.summary_table(runs))
    return 0 if all(r.gcc_accepts() == r.count("pass") for r in runs) else 1
