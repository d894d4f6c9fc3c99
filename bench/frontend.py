"""Front-end throughput: lcc's preprocess, parse and sema stages against
pycparser's parser, under CPython and PyPy, side by side in one run.

    python bench/frontend.py [--repeat 3] [--interp python3 --interp .venv/bin/python]
                             [--corpus sqlite --corpus lua] [--target x86_64]

For each interpreter a worker process (bench/frontend_worker.py) loads lcc
from this source tree and times each stage on each corpus file `repeat`
times in the same process (so PyPy's JIT warms up; the median is reported),
and reports its peak resident memory. Throughput is lines of preprocessed,
non-blank source per second (line markers excluded), the same count for
every stage. pycparser parses the same file preprocessed by gcc with
`-U__GNUC__` and the GNU keywords defined away (pycparser knows no GNU C).

Results: a table on the terminal and JSON in bench/results/.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any, Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import corpora  # noqa: E402

# Defines that turn gcc -E output of glibc-using code into the C that
# pycparser parses.
PYCPARSER_DEFINES = [
    "-U__GNUC__", "-D__attribute__(x)=", "-D__extension__=", "-D__asm__(x)=",
    "-D__restrict=", "-D__inline=", "-D__builtin_va_list=int",
    "-D__builtin_va_arg(a,t)=(*(t*)0)",
    "-D__builtin_offsetof(t,m)=((unsigned long)&((t*)0)->m)",
]


def corpus_files(name: str) -> List[str]:
    if name == "sqlite":
        return [os.path.join(corpora.sqlite_dir(), "sqlite3.c")]
    if name == "lua":
        d = corpora.lua_dir()
        skip = {"onelua.c", "ltests.c"}
        return sorted(os.path.join(d, f) for f in os.listdir(d)
                      if f.endswith(".c") and f not in skip)
    raise SystemExit(f"unknown corpus {name}")


def prepare_pycparser_input(path: str, outdir: str) -> str:
    out = os.path.join(outdir, os.path.basename(path) + ".pyc.i")
    subprocess.run(["gcc", "-E", "-P", *PYCPARSER_DEFINES, "-I", os.path.dirname(path),
                    path, "-o", out], check=True)
    return out


def run_worker(interp: str, files: List[Dict[str, str]], repeat: int, target: str,
               what: str) -> Dict[str, Any]:
    """One worker process: lcc's stages or pycparser, so that each peak
    memory figure is its own."""
    cmd = [interp, os.path.join(HERE, "frontend_worker.py"), "--repeat", str(repeat),
           "--target", target, "--what", what]
    proc = subprocess.run(cmd, input=json.dumps(files), capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(proc.stdout)


def pyc_rate(res: Dict[str, Any]) -> str:
    t = res.get("stages", {}).get("pycparser")
    return f"{res['pyc_lines'] / t:,.0f}" if t else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--interp", action="append",
                    help="interpreters to run lcc under (default: python3 and the PyPy venv)")
    ap.add_argument("--corpus", action="append", choices=["sqlite", "lua"])
    ap.add_argument("--target", default="x86_64")
    args = ap.parse_args()
    interps = args.interp or [sys.executable if "pypy" not in sys.version.lower()
                              else "python3", os.path.join(ROOT, ".venv", "bin", "python")]
    corp = args.corpus or ["sqlite", "lua"]
    tmp = os.path.join(ROOT, "build", "bench")
    os.makedirs(tmp, exist_ok=True)

    from tabulate import tabulate

    rows = []
    report: Dict[str, Any] = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "runs": []}
    for name in corp:
        files = [{"path": f, "pyc": prepare_pycparser_input(f, tmp)} for f in corpus_files(name)]
        for interp in interps:
            if not os.path.exists(interp) and os.sep in interp:
                continue
            res = run_worker(interp, files, args.repeat, args.target, "lcc")
            pyc = run_worker(interp, files, args.repeat, args.target, "pycparser")
            res.update(corpus=name, interp=interp, pycparser=pyc)
            report["runs"].append(res)
            if "error" in res:
                rows.append([name, interp, "error: " + " ".join(res["error"]),
                             "", "", "", "", pyc_rate(pyc), "", ""])
                continue
            st = res["stages"]
            lines = res["lines"]

            def rate(stage: str) -> str:
                t = st.get(stage)
                return f"{lines / t:,.0f}" if t else "-"

            whole = sum(st.get(s, 0) for s in ("preprocess", "parse", "sema"))
            rows.append([name, res["impl"], f"{lines:,}", rate("preprocess"), rate("parse"),
                         rate("sema"), f"{lines / whole:,.0f}" if whole else "-",
                         pyc_rate(pyc), f"{res['maxrss_mb']:.0f}",
                         f"{pyc['maxrss_mb']:.0f}" if "maxrss_mb" in pyc else "-"])
    headers = ["corpus", "python", "lines", "pp lines/s", "parse lines/s", "sema lines/s",
               "front end lines/s", "pycparser lines/s", "lcc peak MB", "pycparser peak MB"]
    print(tabulate(rows, headers=headers, tablefmt="github"))
    print(f"\nmedian of {args.repeat} runs per stage, in one process per interpreter "
          f"(the first runs warm PyPy's JIT up)")
    outdir = os.path.join(HERE, "results")
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, time.strftime("frontend-%Y%m%d-%H%M%S.json"))
    with open(path, "w") as f:
        json.dump(report, f, indent=1)
    print(f"results: {os.path.relpath(path, ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
