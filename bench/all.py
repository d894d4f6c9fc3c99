"""`make bench`: every benchmark in one run, one table, one JSON, one plot.

    .venv/bin/python bench/all.py [--quick] [--skip frontend,compile] [--no-plot]

Runs, each as its own process (so their timings and peak memory are their
own):
  frontend  bench/frontend.py  front-end throughput per stage, CPython and
                               PyPy, against pycparser
  compile   bench/compile.py   whole-file compile time (-c) against gcc and
                               tcc, lcc under CPython and PyPy
  runtime   bench/runtime.py   run time of the generated code against gcc
                               -O0, gcc -O2 and tcc (lcc -O0 and -O2)
  asmlink   bench/asmlink.py   assembler and linker speed against as and ld
                               (when that script exists; its own table)
and then prints one table of medians with their ratios to gcc -O0, gcc -O2
and tcc, writes bench/results/bench-<time>.json (the combined rows plus each
benchmark's own JSON) and plots the run-time ratios per program and target
to bench/results/runtime-ratios-<time>.png (and runtime-ratios-latest.png)
with matplotlib, under whichever Python has it (the system python3 gets it
from Debian's python3-matplotlib; the PyPy venv usually does not).
`--quick` is a smoke run: one repeat, the Lua corpus, two programs.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS = os.path.join(HERE, "results")
BENCHES = ("frontend", "compile", "runtime")
# Benchmarks of other pieces, run when their script exists; their own
# table is printed as they print it, their JSON kept in the combined one.
OPTIONAL = ("asmlink",)
# The columns of the combined table; a ratio is time / baseline time (for
# throughput rows: baseline rate / rate), so below 1 means faster.
BASELINES = ("gcc -O0", "gcc -O2", "tcc")


def bench_args(name: str, quick: bool) -> List[str]:
    if name == "frontend":
        return ["--repeat", "1", "--corpus", "lua"] if quick else ["--repeat", "3"]
    if name == "compile":
        return (["--repeat", "1", "--corpus", "lua-lvm"] if quick
                else ["--repeat", "3", "--corpus", "sqlite", "--corpus", "lua-lvm"])
    if name == "asmlink":
        return ["--repeat", "1" if quick else "3"]
    return (["--runs", "1", "--lcc-levels", "0,2", "--only", "fib,sieve"] if quick
            else ["--runs", "3", "--lcc-levels", "0,2"])


def run_bench(name: str, args: List[str], python: str) -> Dict[str, Any]:
    """Run one benchmark script; its JSON (found from its `results:` line)
    or an error."""
    cmd = [python, os.path.join(HERE, f"{name}.py")] + args
    print(f"== {name}: {' '.join(cmd)}", flush=True)
    start = time.monotonic()
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                       env=dict(os.environ, PYTHONPATH=ROOT))
    sys.stdout.write(p.stdout)
    path = None
    for line in p.stdout.splitlines():
        if line.startswith("results:"):
            path = os.path.join(ROOT, line.split(":", 1)[1].strip())
    if p.returncode != 0:
        return {"error": f"exit {p.returncode}", "seconds": time.monotonic() - start}
    if path is None:
        return {"note": "no JSON reported", "_seconds": round(time.monotonic() - start, 1)}
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    data["_file"] = os.path.relpath(path, ROOT)
    data["_seconds"] = round(time.monotonic() - start, 1)
    return data


def _ratios(t: Optional[float], base: Dict[str, Optional[float]],
            rate: bool = False) -> List[str]:
    out = []
    for b in BASELINES:
        v = base.get(b)
        if t and v:
            out.append(f"{(v / t if rate else t / v):.2f}")
        else:
            out.append("-")
    return out


def rows_of(results: Dict[str, Dict[str, Any]]) -> List[List[object]]:
    """[benchmark, case, configuration, median, unit, x gcc -O0, x gcc -O2, x tcc]."""
    rows: List[List[object]] = []
    fe = results.get("frontend", {})
    for run in fe.get("runs", []):
        if "error" in run or "stages" not in run:
            continue
        lines = run["lines"]
        whole = sum(run["stages"].get(s, 0) for s in ("preprocess", "parse", "sema"))
        rows.append(["front end", run["corpus"], f"lcc -fsyntax-only ({run['impl']})",
                     f"{lines / whole:,.0f}" if whole else "-", "lines/s", "-", "-", "-"])
        pyc = run.get("pycparser", {})
        t = pyc.get("stages", {}).get("pycparser")
        if t:
            rows.append(["front end", run["corpus"], f"pycparser ({run['impl']})",
                         f"{pyc['pyc_lines'] / t:,.0f}", "lines/s", "-", "-", "-"])
    comp = results.get("compile", {})
    by_corpus: Dict[str, Dict[str, Optional[float]]] = {}
    for r in comp.get("rows", []):
        label = "gcc -O0" if r["compiler"] == "gcc" else r["compiler"]
        by_corpus.setdefault(r["corpus"], {})[label] = r["median_s"]
    level = comp.get("level", "0")
    for corpus, times in by_corpus.items():
        base = {"gcc -O0": times.get("gcc -O0") if level == "0" else None,
                "tcc": times.get("tcc")}
        for label, t in times.items():
            name = f"gcc -O{level}" if label == "gcc -O0" else label
            rows.append(["compile", corpus, name, f"{t:.2f}" if t else "failed", "s"]
                        + _ratios(t, base))
    rt = results.get("runtime", {})
    logs: Dict[str, Dict[str, List[float]]] = {}
    for prog, cells in sorted(rt.get("programs", {}).items()):
        base = {b: (cells.get(b) or {}).get("seconds") for b in BASELINES}
        for label, cell in cells.items():
            t = cell.get("seconds")
            rows.append(["run time", prog, label,
                         f"{t:.3f}" if t is not None else "FAIL: " + cell.get("error", ""),
                         "s"] + _ratios(t, base))
            for b in BASELINES:
                if t and base.get(b):
                    logs.setdefault(label, {}).setdefault(b, []).append(
                        math.log(t / base[b]))  # type: ignore[operator]
    n = len(rt.get("programs", {}))
    for label in rt.get("compilers", []):
        cols = []
        for b in BASELINES:
            v = logs.get(label, {}).get(b, [])
            cols.append(f"{math.exp(sum(v) / len(v)):.2f} ({len(v)}/{n})" if v else "-")
        rows.append(["run time", "geometric mean", label, "", ""] + cols)
    return rows


def plot_python() -> Optional[str]:
    """An interpreter that can import matplotlib."""
    for py in (sys.executable, shutil.which("python3"), "/usr/bin/python3"):
        if py and os.path.exists(py) and subprocess.run(
                [py, "-c", "import matplotlib"], capture_output=True).returncode == 0:
            return py
    return None


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a smoke run (minutes, not tens)")
    ap.add_argument("--skip", default="",
                    help="comma-separated: frontend,compile,runtime,asmlink")
    ap.add_argument("--no-plot", action="store_true")
    args = ap.parse_args(argv)
    from tabulate import tabulate

    skip = {s for s in args.skip.split(",") if s}
    results: Dict[str, Dict[str, Any]] = {}
    names = list(BENCHES) + [n for n in OPTIONAL
                             if os.path.exists(os.path.join(HERE, f"{n}.py"))]
    for name in names:
        if name not in skip:
            results[name] = run_bench(name, bench_args(name, args.quick), sys.executable)
    rows = rows_of(results)
    print("\n== all benchmarks: medians; ratio = time / baseline's time "
          "(throughput: baseline's rate / rate), below 1 is faster ==")
    print(tabulate(rows, headers=["benchmark", "case", "configuration", "median", "unit",
                                  "x gcc -O0", "x gcc -O2", "x tcc"]))
    for name, data in results.items():
        if "error" in data:
            print(f"{name}: FAILED ({data['error']})")
    os.makedirs(RESULTS, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    path = os.path.join(RESULTS, f"bench-{stamp}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"time": stamp, "quick": args.quick, "python": sys.version.split()[0],
                   "rows": rows, "results": results}, f, indent=1)
    print(f"results: {os.path.relpath(path, ROOT)}")
    if args.no_plot or "runtime" not in results or "error" in results["runtime"]:
        return 0 if all("error" not in d for d in results.values()) else 1
    py = plot_python()
    if py is None:
        print("no Python with matplotlib for the plot (apt-get install python3-matplotlib)",
              file=sys.stderr)
        return 1
    png = os.path.join(RESULTS, f"runtime-ratios-{stamp}.png")
    p = subprocess.run([py, os.path.join(HERE, "plot.py"), path, png])
    if p.returncode == 0:
        shutil.copyfile(png, os.path.join(RESULTS, "runtime-ratios-latest.png"))
        print(f"plot: {os.path.relpath(png, ROOT)}")
    return 0 if p.returncode == 0 and all("error" not in d for d in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
