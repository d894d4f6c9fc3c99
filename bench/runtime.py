"""Run time of the code lcc generates, against gcc -O0, gcc -O2 and tcc.

    python bench/runtime.py [--runs 3] [--lcc-levels 0,2] [--only fib,sieve]

Every program in bench/programs/ is CPU-bound and prints a checksum. Each
is compiled by every compiler (lcc from this source tree, run with the
current interpreter), run `--runs` times; the median wall-clock time is
reported. A result counts only when the program's output equals gcc
-O0's; otherwise the cell says what went wrong and the program is left out
of that compiler's geometric mean. Results: a table on the terminal and
JSON in bench/results/runtime-<time>.json. See docs/bench.md.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs")
RESULTS = os.path.join(HERE, "results")
RUN_TIMEOUT = 120.0


def compilers(lcc_levels: List[str]) -> List[Tuple[str, List[str]]]:
    """(label, command) for every compiler to measure; tcc when installed."""
    out = [("gcc -O0", ["gcc", "-O0"]), ("gcc -O2", ["gcc", "-O2"])]
    if shutil.which("tcc"):
        out.append(("tcc", ["tcc"]))
    for lvl in lcc_levels:
        out.append((f"lcc -O{lvl}", [sys.executable, "-m", "lcc", f"-O{lvl}"]))
    return out


class Cell:
    """One program under one compiler: seconds (median) or an error."""

    def __init__(self, seconds: Optional[float] = None, output: str = "",
                 error: str = "", compile_seconds: float = 0.0,
                 runs: Optional[List[float]] = None) -> None:
        self.seconds = seconds
        self.output = output
        self.error = error
        self.compile_seconds = compile_seconds
        self.runs = runs or []

    def as_json(self) -> Dict[str, object]:
        return {"seconds": self.seconds, "runs": self.runs, "error": self.error,
                "compile_seconds": round(self.compile_seconds, 3)}


def measure(cmd: List[str], src: str, workdir: str, runs: int) -> Cell:
    exe = os.path.join(workdir, os.path.basename(src) + "." + str(abs(hash(tuple(cmd)))))
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    start = time.monotonic()
    try:
        p = subprocess.run(cmd + ["-w", src, "-o", exe, "-lm"], capture_output=True,
                           text=True, errors="replace", env=env, timeout=900)
    except subprocess.TimeoutExpired:
        return Cell(error="compile timeout")
    compile_seconds = time.monotonic() - start
    if p.returncode != 0:
        lines = [ln for ln in p.stderr.splitlines() if "error" in ln] or p.stderr.splitlines()
        return Cell(error="compile: " + (lines[0][:100] if lines else f"exit {p.returncode}"),
                    compile_seconds=compile_seconds)
    times: List[float] = []
    output = ""
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            r = subprocess.run([exe], capture_output=True, text=True, errors="replace",
                               timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            return Cell(error="run timeout", compile_seconds=compile_seconds)
        times.append(time.perf_counter() - t0)
        if r.returncode != 0:
            return Cell(error=f"run: exit {r.returncode}", compile_seconds=compile_seconds)
        output = r.stdout
    return Cell(statistics.median(times), output, compile_seconds=compile_seconds,
                runs=[round(t, 4) for t in times])


def geomean(values: List[float]) -> Optional[float]:
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3, help="runs per program (median)")
    p.add_argument("--lcc-levels", default="0", help="lcc's -O levels, e.g. 0,2")
    p.add_argument("--only", help="comma-separated program names")
    p.add_argument("--no-save", action="store_true")
    args = p.parse_args(argv)
    from tabulate import tabulate

    names = sorted(f[:-2] for f in os.listdir(PROGRAMS) if f.endswith(".c"))
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    ccs = compilers([x for x in args.lcc_levels.split(",") if x])
    workdir = tempfile.mkdtemp(prefix="lcc-bench-")
    table: Dict[str, Dict[str, Cell]] = {}
    try:
        for name in names:
            src = os.path.join(PROGRAMS, name + ".c")
            row: Dict[str, Cell] = {}
            for label, cmd in ccs:
                cell = measure(cmd, src, workdir, args.runs)
                ref = row.get("gcc -O0")
                if ref is not None and cell.error == "" and cell.output != ref.output:
                    cell = Cell(error="wrong output", compile_seconds=cell.compile_seconds)
                row[label] = cell
                print(f"{name:12s} {label:8s} "
                      + (f"{cell.seconds:.3f} s" if cell.seconds is not None else cell.error),
                      file=sys.stderr)
            table[name] = row
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    labels = [label for label, _ in ccs]
    others = [lb for lb in labels if not lb.startswith("gcc")]
    headers = ["program"] + [f"{lb} (s)" for lb in labels]
    for lb in others:
        headers += [f"{lb} / gcc -O0", f"{lb} / gcc -O2"]
    rows = []
    notes: List[str] = []
    ratios: Dict[str, List[float]] = {f"{lb}|{base}": [] for lb in others
                                      for base in ("gcc -O0", "gcc -O2")}
    for name in names:
        row = table[name]
        line: List[object] = [name]
        for lb in labels:
            c = row[lb]
            if c.seconds is not None:
                line.append(f"{c.seconds:.3f}")
            else:
                notes.append(f"[{len(notes) + 1}] {name}, {lb}: {c.error}")
                line.append(f"FAIL [{len(notes)}]")
        for lb in others:
            for base in ("gcc -O0", "gcc -O2"):
                c, b = row[lb], row[base]
                if c.seconds is not None and b.seconds:
                    r = c.seconds / b.seconds
                    ratios[f"{lb}|{base}"].append(r)
                    line.append(f"{r:.2f}")
                else:
                    line.append("-")
        rows.append(line)
    gm: List[object] = ["geometric mean"] + [""] * len(labels)
    for lb in others:
        for base in ("gcc -O0", "gcc -O2"):
            vals = ratios[f"{lb}|{base}"]
            g = geomean(vals)
            gm.append(f"{g:.2f} ({len(vals)}/{len(names)})" if g else "-")
    rows.append(gm)
    print(tabulate(rows, headers=headers))
    for note in notes:
        print(note)
    if not args.no_save:
        os.makedirs(RESULTS, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        path = os.path.join(RESULTS, f"runtime-{stamp}.json")
        data = {"runs": args.runs, "compilers": labels, "target": "x86_64",
                "python": sys.executable,
                "programs": {n: {lb: c.as_json() for lb, c in table[n].items()} for n in names},
                "geomean": {k: geomean(v) for k, v in ratios.items()}}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
        print(f"results: {os.path.relpath(path, ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
