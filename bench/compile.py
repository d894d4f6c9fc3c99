"""Compile time and peak memory of whole translation units: lcc under
CPython and PyPy against gcc and tcc, side by side in one run.

    python3 bench/compile.py [--repeat 3] [--corpus sqlite] [-O 0]

Each compiler compiles each corpus file to an object (`-c`, `-w`) as a
fresh command line, `--repeat` times; the median wall time and the peak
resident memory (the largest `ru_maxrss` over the compiler and the
assembler it starts) are reported, with ratios to gcc.
Results: a table on the terminal and JSON in bench/results/.
"""
from __future__ import annotations

import argparse
import json
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
sys.path.insert(0, os.path.join(ROOT, "tests"))

import corpora  # noqa: E402


def corpus_file(name: str) -> str:
    if name == "sqlite":
        return os.path.join(corpora.sqlite_dir(), "sqlite3.c")
    if name == "lua-lvm":
        return os.path.join(corpora.lua_dir(), "lvm.c")
    raise SystemExit("unknown corpus %s" % name)


def compilers(level: str) -> Dict[str, List[str]]:
    """name -> command prefix; lcc runs from this source tree."""
    out: Dict[str, List[str]] = {}
    for cc in ("gcc", "tcc"):
        if shutil.which(cc):
            out[cc] = [cc, "-O" + level] if cc == "gcc" else [cc]
    pypy = os.path.join(ROOT, ".venv", "bin", "python")
    for label, interp in (("lcc (CPython)", sys.executable if "PyPy" not in sys.version
                           else shutil.which("python3")),
                          ("lcc (PyPy)", pypy if os.path.exists(pypy) else shutil.which("pypy3"))):
        if interp:
            out[label] = [interp, "-m", "lcc", "-O" + level]
    return out


# One compile in a fresh wrapper process, so that RUSAGE_CHILDREN's maximum
# belongs to this compile alone (the compiler and the assembler it starts).
_WRAPPER = ("import resource,subprocess,sys,time;t=time.perf_counter();"
            "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
            "t=time.perf_counter()-t;sys.stderr.buffer.write(p.stderr[:500]);"
            "print(p.returncode,t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_once(cmd: List[str], src: str, obj: str) -> Optional[Tuple[float, float]]:
    """(seconds, peak MB) of one compile, or None if it failed."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    p = subprocess.run(["python3", "-c", _WRAPPER] + cmd + ["-w", "-c", src, "-o", obj],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    code, secs, rss = p.stdout.decode().split()
    if code != "0":
        sys.stderr.write("%s failed (%s): %s\n" % (" ".join(cmd), code,
                                                   p.stderr.decode(errors="replace")))
        return None
    return float(secs), int(rss) / 1024.0


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("-O", dest="level", default="0")
    args = ap.parse_args(argv)
    corpus = args.corpus or ["sqlite"]
    rows = []
    tmp = tempfile.mkdtemp(prefix="lcc-bench-")
    try:
        for name in corpus:
            src = corpus_file(name)
            times: Dict[str, Optional[float]] = {}
            mems: Dict[str, float] = {}
            for label, cmd in compilers(args.level).items():
                obj = os.path.join(tmp, "out.o")
                runs = [run_once(cmd, src, obj) for _ in range(args.repeat)]
                ok = [r for r in runs if r is not None]
                times[label] = statistics.median(r[0] for r in ok) if ok else None
                mems[label] = max(r[1] for r in ok) if ok else 0.0
            base = times.get("gcc")
            for label, t in times.items():
                rows.append({"corpus": name, "compiler": label, "median_s": t,
                             "peak_mb": round(mems[label]),
                             "vs_gcc": (t / base) if (t and base) else None})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    try:
        from tabulate import tabulate
        print(tabulate([[r["corpus"], r["compiler"],
                         "%.2f" % r["median_s"] if r["median_s"] else "failed",
                         r["peak_mb"], "%.1fx" % r["vs_gcc"] if r["vs_gcc"] else "-"]
                        for r in rows],
                       headers=["corpus", "compiler", "median s", "peak MB", "time vs gcc"]))
    except ImportError:
        for r in rows:
            print(r)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    out = os.path.join(HERE, "results", "compile-%s.json" % time.strftime("%Y%m%d-%H%M%S"))
    with open(out, "w") as f:
        json.dump({"level": args.level, "repeat": args.repeat, "rows": rows,
                   "peak_note": "ru_maxrss of the compiler and its children"}, f, indent=1)
    print("results:", out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
