"""`--reduce TEST`: shrink a failing torture test with creduce.

The interestingness test keeps the *same* failure: gcc still accepts the
file (or, in preprocess mode, still preprocesses it) and lcc still fails
with the same normalised first diagnostic (the harness's group key), so
creduce cannot wander off to a different bug or to a file gcc rejects. The
result goes to tests/reduced/<target>-<name>.c with a comment saying where
it came from and how to reproduce it.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from typing import List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lcc.target import TARGETS  # noqa: E402
from tools.conformance.lccrun import (first_difference, first_error, is_ice,  # noqa: E402
                                      normalise, tokens_of_preprocessed)

REDUCED = os.path.join(ROOT, "tests", "reduced")


def failure_key(path: str, target: str, mode: str, options: List[str],
                timeout: float = 30.0) -> Optional[str]:
    """The failure's group key if path shows it (gcc accepts, lcc fails),
    else None. Runs both compilers as subprocesses, as creduce will."""
    gcc = TARGETS[target].gcc
    path = os.path.abspath(path)
    flag = "-fsyntax-only" if mode == "syntax" else "-E"
    try:
        g = subprocess.run([gcc, flag, "-w"] + options + [path], capture_output=True,
                           text=True, timeout=timeout, encoding="utf-8", errors="surrogateescape")
    except (OSError, subprocess.TimeoutExpired):
        return None
    if g.returncode != 0:
        return None
    cmd = [sys.executable, "-m", "lcc", f"--target={target}", flag, "-w"] + options + [path]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                           encoding="utf-8", errors="surrogateescape",
                           env=dict(os.environ, PYTHONPATH=ROOT))
    except subprocess.TimeoutExpired:
        return "timeout"
    if is_ice(p.stderr) or p.returncode not in (0, 1):
        # For an ICE the exception type and message are the cause.
        lines = [x for x in p.stderr.splitlines() if x.strip()]
        return "ICE: " + normalise(lines[-1] if lines else f"exit {p.returncode}")
    if p.returncode != 0:
        return "reject: " + normalise(first_error(p.stderr))
    if mode == "preprocess":
        index, _ = first_difference(tokens_of_preprocessed(g.stdout),
                                    tokens_of_preprocessed(p.stdout))
        if index >= 0:
            return "differ"
    return None


def _resolve(test: str) -> str:
    if os.path.exists(test):
        return os.path.abspath(test)
    from tools.conformance.harness import torture_files

    suite = test.split("/")[0]
    for path in torture_files(suite if suite in ("compile", "execute") else "compile"):
        if path.endswith("/" + test) or os.path.basename(path) == os.path.basename(test):
            return path
    raise SystemExit(f"--reduce: no torture test {test!r}")


def reduce_test(test: str, target: str, mode: str, flags: List[str],
                time_limit: float = 1800.0) -> int:
    from tools.conformance.dg import load_test

    if mode not in ("syntax", "preprocess"):
        raise SystemExit(f"--reduce does not support --mode {mode} yet")
    path = _resolve(test)
    suite = os.path.basename(os.path.dirname(path))
    options = flags + load_test(path, suite, target, flags).options
    key = failure_key(path, target, mode, options)
    if key is None:
        print(f"{test}: not failing on {target} ({mode}); nothing to reduce")
        return 1
    print(f"{test}: {key}")
    work = tempfile.mkdtemp(prefix="lcc-reduce-")
    shutil.copy(path, os.path.join(work, "test.c"))
    config = os.path.join(work, "config.json")
    with open(config, "w", encoding="utf-8") as f:
        json.dump({"target": target, "mode": mode, "options": options, "key": key}, f)
    script = os.path.join(work, "interesting.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n"
                f"PYTHONPATH={shlex.quote(ROOT)} exec {shlex.quote(sys.executable)} "
                f"-m tools.conformance.reduce --check {shlex.quote(config)} test.c\n")
    os.chmod(script, 0o755)
    before = os.path.getsize(path)
    try:
        subprocess.run(["creduce", "--n", str(os.cpu_count() or 1), script, "test.c"],
                       cwd=work, timeout=time_limit, check=False,
                       stdout=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        print(f"creduce stopped after {time_limit:.0f} s; keeping the best so far")
    except OSError as e:
        raise SystemExit(f"creduce: {e}")
    with open(os.path.join(work, "test.c"), encoding="latin-1") as f:
        reduced = f.read()
    os.makedirs(REDUCED, exist_ok=True)
    name = os.path.splitext(os.path.basename(path))[0]
    out = os.path.join(REDUCED, f"{target}-{suite}-{name}.c")
    header = (f"/* Reduced by creduce from gcc.c-torture/{suite}/{name}.c ({target}, {mode}).\n"
              f"   gcc accepts it; lcc: {key}\n"
              f"   python -m lcc --target={target} "
              f"{'-fsyntax-only' if mode == 'syntax' else '-E'} -w {' '.join(options)} "
              f"tests/reduced/{os.path.basename(out)}  */\n")
    with open(out, "w", encoding="latin-1") as f:
        f.write(header + reduced)
    print(f"{before} bytes -> {len(reduced.encode('latin-1'))} bytes: {out}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _check(config_path: str, path: str) -> int:
    """creduce's interestingness test: exit 0 iff path shows the failure."""
    with open(config_path, encoding="utf-8") as f:
        cfg = json.load(f)
    key = failure_key(path, cfg["target"], cfg["mode"], cfg["options"], timeout=20.0)
    return 0 if key == cfg["key"] else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m tools.conformance.reduce")
    ap.add_argument("--check", metavar="CONFIG", required=True)
    ap.add_argument("file")
    ns = ap.parse_args()
    raise SystemExit(_check(ns.check, ns.file))
