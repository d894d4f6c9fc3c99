"""Worker of bench/frontend.py: times lcc's front-end stages and pycparser
in this interpreter. Reads a JSON list of {"path", "pyc"} on stdin, prints
one JSON object: stage -> median seconds summed over the files, the line
count, the interpreter and the peak RSS."""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import sys
import time
from typing import Callable, Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def median_time(fn: Callable[[], object], repeat: int) -> "tuple[float, object]":
    times: List[float] = []
    result: object = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def count_lines(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.strip() and not line.startswith("#"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--target", default="x86_64")
    ap.add_argument("--what", choices=["lcc", "pycparser"], default="lcc")
    args = ap.parse_args()
    files = json.load(sys.stdin)
    stages: Dict[str, float] = {}
    lines = pyc_lines = 0

    def add(stage: str, t: float) -> None:
        stages[stage] = stages.get(stage, 0.0) + t

    if args.what == "lcc":
        from lcc import parse as parser
        from lcc import sema
        from lcc.diagnostics import Diagnostics
        from lcc.driver import parse_args
        from lcc.preprocess import Preprocessor, write_preprocessed
        from lcc.preprocess.files import clear_shared_cache

        def preprocess(opts: object, diags: object, path: str) -> object:
            # The preprocessor keeps tokenized files for later runs in the
            # same process; each timed run must tokenize afresh.
            clear_shared_cache()
            return Preprocessor(opts, diags).run(path)

        for f in files:
            opts = parse_args(["-fsyntax-only", "-w", f"--target={args.target}",
                               "-I", os.path.dirname(f["path"]), f["path"]])
            diags = Diagnostics(stream=io.StringIO(), warnings=False)
            t, tokens = median_time(lambda: preprocess(opts, diags, f["path"]), args.repeat)
            add("preprocess", t)
            buf = io.StringIO()
            write_preprocessed(tokens, buf)  # type: ignore[arg-type]
            lines += count_lines(buf.getvalue())
            t, unit = median_time(lambda: parser.parse(tokens, opts, diags), args.repeat)
            add("parse", t)
            # Sema annotates the tree in place: analyse a fresh parse each time.
            sema_times = []
            for _ in range(args.repeat):
                unit = parser.parse(tokens, opts, diags)
                t0 = time.perf_counter()
                sema.analyze(unit, opts, Diagnostics(stream=io.StringIO(), warnings=False))
                sema_times.append(time.perf_counter() - t0)
            add("sema", statistics.median(sema_times))
    else:
        import pycparser
        for f in files:
            with open(f["pyc"]) as fh:
                src = fh.read()
            pyc_lines += count_lines(src)
            t, _ = median_time(lambda: pycparser.CParser().parse(src, f["pyc"]), args.repeat)
            add("pycparser", t)
    impl = sys.implementation.name
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump({"impl": f"{impl} {sys.version.split()[0]}", "stages": stages, "lines": lines,
               "pyc_lines": pyc_lines, "maxrss_mb": rss_kb / 1024}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
