"""`--reduce TEST`: shrink a failing torture test or csmith program with creduce.

The interestingness test keeps the *same* failure: gcc still accepts the
file (or, in preprocess mode, still preprocesses it) and lcc still fails
with the same normalised first diagnostic (the harness's group key), so
creduce cannot wander off to a different bug or to a file gcc rejects. In
run mode and for csmith programs (wrong code) it also keeps gcc's program
free of undefined behaviour (reduce_run.py). The result goes to
tests/reduced/<target>-<suite>-<name>.c (syntax, preprocess) or
tests/reduced/run/ (run, csmith) with a comment saying where it came from
and how to reproduce it.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import re
import tempfile
import time
from typing import Dict, List, Optional, Tuple

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


def _resolve(test: str) -> Tuple[str, str]:
    """(path, suite) of a test named as execute/pr1.c, csmith/17.c or a path."""
    m = re.match(r"^csmith/(\d+)(\.c)?$", test)
    if m:
        from tools.conformance import csmith_suite
        return csmith_suite.program(int(m.group(1))), "csmith"
    if os.path.exists(test):
        path = os.path.abspath(test)
        from tools.conformance.csmith_suite import SRC_DIR
        if os.path.dirname(path) == os.path.abspath(SRC_DIR):
            return path, "csmith"
        return path, os.path.basename(os.path.dirname(path))
    from tools.conformance.harness import torture_files

    suite = test.split("/")[0]
    for path in torture_files(suite if suite in ("compile", "execute") else "compile"):
        if path.endswith("/" + test) or os.path.basename(path) == os.path.basename(test):
            return path, os.path.basename(os.path.dirname(path))
    raise SystemExit(f"--reduce: no torture test {test!r}")


def checker_python(mode: str) -> str:
    """The interpreter for creduce's checks (and the lcc they start).
    A check is a fresh process on a small file, where CPython's quicker
    start beats PyPy's JIT (1.9 s against 2.8 s for a 500-byte torture
    test); csmith's programs are thousands of lines, where PyPy wins."""
    if mode == "csmith" or "PyPy" not in sys.version:
        return sys.executable
    for py in ("python3", "/usr/bin/python3"):
        path = shutil.which(py)
        if path and subprocess.run([path, "-c", "import lark, tabulate"], cwd=ROOT,
                                   capture_output=True).returncode == 0:
            return path
    return sys.executable


def _key(cfg: Dict[str, object], path: str, timeout: float) -> Optional[str]:
    """The failure key of path under the configuration (see _check)."""
    mode = str(cfg["mode"])
    target = str(cfg["target"])
    options: List[str] = list(cfg["options"])  # type: ignore[call-overload]
    allowed = cfg.get("warnings")
    allowed_set = set(allowed) if isinstance(allowed, list) else None
    cc = cfg.get("cc")
    cc_list = list(cc) if isinstance(cc, list) else None
    if mode == "run":
        from tools.conformance.reduce_run import run_key
        return run_key(path, target, list(cfg["flags"]), options,  # type: ignore[call-overload]
                       str(cfg["action"]), allowed_set, timeout=timeout, cc=cc_list)
    if mode == "csmith":
        from tools.conformance.reduce_run import csmith_key
        return csmith_key(path, target, list(cfg["flags"]),  # type: ignore[call-overload]
                          allowed_set, timeout=max(timeout, 300.0), cc=cc_list)
    return failure_key(path, target, mode, options, timeout)


def reduce_test(test: str, target: str, mode: Optional[str], flags: List[str],
                time_limit: float = 1800.0, jobs: int = 1,
                out_dir: Optional[str] = None, cc: Optional[str] = None) -> int:
    """Shrink test with creduce, keeping its failure. mode None: csmith for
    a csmith program, else run where lcc generates code for target, else
    syntax. Writes tests/reduced/ (syntax, preprocess) or
    tests/reduced/run/ (run, csmith); prints the sizes before and after."""
    from tools.conformance.dg import load_test
    from tools.conformance.harness import generates_code

    path, suite = _resolve(test)
    if suite == "csmith":
        mode = "csmith"
    elif mode is None:
        mode = "run" if generates_code(target) else "syntax"
    if mode in ("run", "csmith") and not generates_code(target):
        raise SystemExit(f"--reduce --mode {mode}: lcc generates no code for {target} yet")
    options: List[str] = []
    action = "run"
    if suite != "csmith":
        t = load_test(path, suite, target, flags)
        options = t.options if mode in ("run",) else flags + t.options
        action = t.action
    cfg: Dict[str, object] = {"target": target, "mode": mode, "options": options,
                              "flags": flags, "action": action,
                              "cc": shlex.split(cc) if cc else None}
    if cc and mode not in ("run", "csmith"):
        raise SystemExit("--reduce --cc: only for run mode and csmith programs")
    if mode in ("run", "csmith"):
        from tools.conformance.reduce_run import warning_kinds
        from tools import csmith_run
        extra = ["-I", csmith_run.CSMITH_INCLUDE] if mode == "csmith" else flags + options
        cfg["warnings"] = sorted(warning_kinds(path, TARGETS[target].gcc, extra))
    print(f"{test}: checking that it fails ({target}, {mode}) ...", flush=True)
    key = _key(cfg, path, 120.0)
    if key is None:
        print(f"{test}: not failing on {target} ({mode}), or gcc's program is not clean; "
              f"nothing to reduce")
        return 1
    print(f"{test}: {key}", flush=True)
    cfg["key"] = key
    work = tempfile.mkdtemp(prefix="lcc-reduce-")
    shutil.copy(path, os.path.join(work, "test.c"))
    config = os.path.join(work, "config.json")
    with open(config, "w", encoding="utf-8") as f:
        json.dump(cfg, f)
    script = os.path.join(work, "interesting.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n"
                f"PYTHONPATH={shlex.quote(ROOT)} exec {shlex.quote(checker_python(mode))} "
                f"-m tools.conformance.reduce --check {shlex.quote(config)} test.c\n")
    os.chmod(script, 0o755)
    before = os.path.getsize(path)
    start = time.monotonic()
    try:
        subprocess.run(["creduce", "--n", str(max(1, jobs)), script, "test.c"],
                       cwd=work, timeout=time_limit, check=False,
                       stdout=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        print(f"creduce stopped after {time_limit:.0f} s; keeping the best so far")
    except OSError as e:
        raise SystemExit(f"creduce: {e}")
    with open(os.path.join(work, "test.c"), encoding="latin-1") as f:
        reduced = f.read()
    run_like = mode in ("run", "csmith")
    out_dir = out_dir or (os.path.join(REDUCED, "run") if run_like else REDUCED)
    os.makedirs(out_dir, exist_ok=True)
    name = os.path.splitext(os.path.basename(path))[0]
    out = os.path.join(out_dir, f"{target}-{suite}-{name}.c")
    origin = (f"csmith --seed {name}" if suite == "csmith"
              else f"gcc.c-torture/{suite}/{name}.c")
    header = f"/* Reduced by creduce from {origin} ({target}, {mode}).\n"
    rel = os.path.relpath(out, ROOT)
    if run_like:
        opts = " ".join(flags + options)
        inc = " -I /usr/include/csmith" if mode == "csmith" else ""
        runs = action == "run" or mode == "csmith"
        cmd = (f"python -m lcc -w {opts}{inc} {rel} -lm -o /tmp/t && /tmp/t" if runs
               else f"python -m lcc -w {opts} {rel} -c -o /tmp/t.o")
        header += (("   gcc's program passes (-O0, -O2, sanitized)" if runs
                    else "   gcc compiles it (-O0, -O2)") + f"; lcc: {key}\n"
                   f"   options: {opts}\n"
                   f"   action: {action}\n"
                   f"   {cmd}  */\n")
    else:
        header += (f"   gcc accepts it; lcc: {key}\n"
                   f"   python -m lcc --target={target} "
                   f"{'-fsyntax-only' if mode == 'syntax' else '-E'} -w {' '.join(options)} "
                   f"{rel}  */\n")
    with open(out, "w", encoding="latin-1") as f:
        f.write(header + reduced)
    after = len(reduced.encode("latin-1"))
    print(f"{before} bytes -> {after} bytes ({time.monotonic() - start:.0f} s): {rel}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _check(config_path: str, path: str) -> int:
    """creduce's interestingness test: exit 0 iff path shows the failure."""
    with open(config_path, encoding="utf-8") as f:
        cfg = json.load(f)
    key = _key(cfg, path, 60.0)
    return 0 if key == cfg["key"] else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m tools.conformance.reduce")
    ap.add_argument("--check", metavar="CONFIG", required=True)
    ap.add_argument("file")
    ns = ap.parse_args()
    raise SystemExit(_check(ns.check, ns.file))
