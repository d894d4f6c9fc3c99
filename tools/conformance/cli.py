"""`python -m tools.conformance`: lcc against gcc on the torture suites,
csmith's programs and the struct-layout oracle.

    python -m tools.conformance --target all                  # what `make conformance` runs
    python -m tools.conformance --target aarch64 --mode syntax --suite torture
    python -m tools.conformance --suite csmith --seeds 1-300 -O 2 -j 2
    python -m tools.conformance --target all --compare results/   # against the latest-* files
    python -m tools.conformance --reduce execute/20020412-1.c --mode run
    python -m tools.conformance --reduce csmith/17.c

`--mode auto` (the default) runs, per target, what lcc can do there: run
mode (compile, link, run) on a target with a back end, the syntax and
preprocess modes on one with only the front end. `--suite all` is the
torture suites (compile/, execute/) in those modes, csmith (targets with a
back end) and the layout oracle.

Exit status: 0 when every counted test passed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional, Tuple

from tools.conformance import harness, report
from tools.conformance.harness import SUITES

TARGET_NAMES = ["x86_64", "aarch64", "riscv64"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tools.conformance",
                                description="lcc against gcc: torture suites, csmith, layouts")
    p.add_argument("--target", default="x86_64", choices=TARGET_NAMES + ["all"])
    p.add_argument("--suite", default="all",
                   choices=["compile", "execute", "torture", "csmith", "layout", "all"],
                   help="torture = compile + execute; all = torture, csmith and layout")
    p.add_argument("--mode", default="auto",
                   choices=["auto", "syntax", "preprocess", "run"],
                   help="for the torture suites: syntax: accept/reject as gcc "
                        "-fsyntax-only; preprocess: -E token sequences; run: compile, link "
                        "and run (exit 0 = pass); auto: run where lcc generates code, "
                        "else syntax and preprocess")
    p.add_argument("--seeds", default="1-50", help="(csmith) e.g. 1-300 or 3,17,40-45")
    p.add_argument("--cc", metavar="COMPILER",
                   help="(run mode) compile with this compiler instead of lcc, e.g. gcc "
                        "to check the harness itself")
    p.add_argument("--run-timeout", type=float, default=None,
                   help="(run mode, csmith) seconds a test program may run (10)")
    p.add_argument("--lcc-flag", action="append", default=[], metavar="FLAG",
                   help="(run mode) an option for lcc only, e.g. --lcc-flag=-static "
                        "--lcc-flag=-fintegrated-as (repeatable; part of the results' tag)")
    p.add_argument("-O", dest="opt", default="0", metavar="LEVEL",
                   help="optimisation level passed to both compilers (0,1,2,3,s)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds lcc may take per test (30; csmith 300)")
    p.add_argument("--compare", metavar="OLD", action="append",
                   help="list tests newly failing / passing against earlier results: a "
                        "JSON file or a directory of them (each run is compared with the "
                        "file of the same target and mode); repeatable")
    p.add_argument("--groups", type=int, default=40, help="failure groups to show")
    p.add_argument("--results", default=report.RESULTS, metavar="DIR",
                   help="where the JSON goes (default results/)")
    p.add_argument("--no-save", action="store_true", help="don't write the JSON")
    p.add_argument("--reduce", metavar="TEST",
                   help="shrink a failing test (execute/pr123.c, csmith/17.c or a path) "
                        "with creduce into tests/reduced/")
    p.add_argument("--reduce-time", type=float, default=1800.0,
                   help="seconds creduce may run (keeps the best so far)")
    p.add_argument("--sample", type=int, metavar="N",
                   help="only N evenly spaced tests of each torture suite (a quick "
                        "end-to-end check)")
    p.add_argument("files", nargs="*", help="only these torture test files")
    return p


def plan(target: str, suite: str, mode: str) -> Tuple[List[Tuple[str, List[str]]], List[str]]:
    """([(mode, suites)] to run for target, [notes about what is left out])."""
    runs: List[Tuple[str, List[str]]] = []
    notes: List[str] = []
    codegen = harness.generates_code(target)
    torture = (list(SUITES) if suite in ("all", "torture")
               else [suite] if suite in SUITES else [])
    if mode == "auto":
        modes = ["run"] if codegen else ["syntax", "preprocess"]
    else:
        modes = [mode]
    if torture:
        for m in modes:
            if m == "run" and not codegen:
                notes.append(f"{target}: lcc generates no code for it yet; its run mode "
                             f"is not possible (use --mode syntax or preprocess)")
                continue
            runs.append((m, torture))
    if suite == "csmith" or (suite == "all" and mode in ("auto", "run")):
        if codegen:
            runs.append(("csmith", ["csmith"]))
        else:
            notes.append(f"{target}: csmith needs code generation, which lcc does not "
                         f"do for {target} yet")
    if suite in ("layout", "all"):
        runs.append(("layout", ["layout"]))
    return runs, notes


def sample_files(suite: str, n: int) -> List[str]:
    """n evenly spaced files of each torture suite that suite covers."""
    names = list(SUITES) if suite in ("all", "torture") else [suite] if suite in SUITES else []
    out: List[str] = []
    for name in names:
        files = harness.torture_files(name)
        step = max(1, len(files) // max(1, n))
        out += files[::step][:n]
    return out


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    targets = TARGET_NAMES if args.target == "all" else [args.target]
    flags = [f"-O{args.opt}"]
    if args.reduce:
        from tools.conformance.reduce import reduce_test
        mode = args.mode if args.mode != "auto" else None
        return reduce_test(args.reduce, targets[0], mode, flags, time_limit=args.reduce_time,
                           cc=args.cc)
    seeds = None
    if args.suite in ("csmith", "all"):
        from tools.conformance.csmith_suite import parse_seeds
        seeds = parse_seeds(args.seeds)
    files = [os.path.abspath(f) for f in args.files] or None
    if files and args.suite == "all":
        args.suite = "torture"
    if args.sample and not files:
        files = sample_files(args.suite, args.sample)
    old_files = report.comparison_files(args.compare or [])
    runs = []
    for target in targets:
        todo, notes = plan(target, args.suite, args.mode)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        for mode, suites in todo:
            run = harness.run_suite(target, mode, suites, flags, args.jobs, args.timeout,
                                    None if mode in harness.EXTRA_SUITES else files,
                                    progress=True, cc=args.cc if mode == "run" else None,
                                    run_timeout=args.run_timeout, seeds=seeds,
                                    lcc_flags=args.lcc_flag if mode == "run" else ())
            runs.append(run)
            print(f"\n== {target} {run.mode.tag}: failures by cause ==")
            print(report.groups_table(run, args.groups) if run.groups() else "(none)")
            # Compare before saving: the old file may be this run's latest-*.
            if args.compare:
                old = report.matching_file(run, old_files, single=len(old_files) == 1
                                           and not os.path.isdir(args.compare[0]))
                if old is None:
                    print(f"--compare: no earlier results for {target} {run.mode.tag}",
                          file=sys.stderr)
                else:
                    print(report.compare_text(run, old))
            if not args.no_save:
                print(f"results: {report.save(run, args.results)}")
    print()
    print(report.summary_table(runs))
    return 0 if all(r.gcc_accepts() == r.count("pass") for r in runs) else 1
