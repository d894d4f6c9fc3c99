"""Differential testing with csmith: lcc's binaries must print gcc's checksum.

    python tools/csmith_run.py --seeds 1-50            # lcc -O0 and -O2
    python tools/csmith_run.py --seeds 1-20 --cc "gcc -fno-inline" # harness check
    python tools/csmith_run.py --seeds 7 --keep-all    # keep every program
    python tools/csmith_run.py -n 100 --levels 0 -j 2  # lcc -O0 only, seeds 1..100

For each seed: `csmith --seed S`, compile with gcc -O0 and gcc -O2 (the
reference: both must agree, else the program is set aside as suspect) and
with the compiler under test at -O0 and -O2, run each with a time limit,
compare the `checksum = ...` line. Failing programs go to build/csmith/
(`S.c` plus `S.txt` saying what failed and the commands to reproduce).
Exit status 0 when no seed failed.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tools.conformance.lccrun import normalise  # noqa: E402
from tools.conformance.runmode import link_error  # noqa: E402

OUT_DIR = os.path.join(ROOT, "build", "csmith")
CSMITH = shutil.which("csmith") or "/usr/bin/csmith"
CSMITH_INCLUDE = "/usr/include/csmith"
LEVELS = ("-O0", "-O2")


def compiler(spec: str) -> Tuple[List[str], Dict[str, str]]:
    words = shlex.split(spec)
    env = dict(os.environ)
    if words and words[0] == "lcc":
        env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
        return [sys.executable, "-m", "lcc"] + words[1:], env
    return words, env


class Outcome:
    """One compile-and-run: kind is ok, compile-error, ice, compile-timeout,
    crash (signal), exit (non-zero status), timeout; text is the checksum
    line or the first error."""

    def __init__(self, kind: str, text: str = "", seconds: float = 0.0) -> None:
        self.kind = kind
        self.text = text
        self.seconds = seconds

    def __repr__(self) -> str:
        return f"{self.kind}: {self.text}" if self.text else self.kind


def first_error(stderr: str) -> str:
    linked = link_error(stderr)
    if linked:
        return linked[:200]
    for line in stderr.splitlines():
        if "internal compiler error" in line or "error" in line:
            return line.strip()[:200]
    return stderr.strip().splitlines()[-1][:200] if stderr.strip() else ""


def generate(seed: int, path: str) -> Optional[str]:
    """Write csmith's program for seed to path; None, or csmith's complaint."""
    # csmith also writes platform.info into its working directory.
    g = subprocess.run([CSMITH, "--seed", str(seed), "-o", os.path.abspath(path)],
                       capture_output=True, text=True,
                       cwd=os.path.dirname(os.path.abspath(path)))
    return None if g.returncode == 0 else (g.stderr.strip()[:200] or f"exit {g.returncode}")


def compile_outcome(code: object, stderr: str) -> Optional[Outcome]:
    """The Outcome of a failed compile (None when it succeeded)."""
    if code == "timeout":
        return Outcome("compile-timeout", "")
    if code != 0:
        kind = "ice" if (code == 4 or "internal compiler error" in stderr
                         or "Traceback" in stderr) else "compile-error"
        return Outcome(kind, first_error(stderr))
    return None


def run_checksum(exe: List[str], run_timeout: float, start: float) -> Outcome:
    """Run a built program: its checksum line, or how it failed."""
    try:
        r = subprocess.run(exe, capture_output=True, text=True, errors="replace",
                           timeout=run_timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Outcome("timeout", f"over {run_timeout:g} s")
    seconds = time.monotonic() - start
    if r.returncode < 0:
        return Outcome("crash", f"signal {-r.returncode}", seconds)
    if r.returncode != 0:
        return Outcome("exit", f"exit {r.returncode}", seconds)
    line = next((x for x in r.stdout.splitlines() if x.startswith("checksum")), "")
    return Outcome("ok", line or "(no checksum line)", seconds)


def build_and_run(cmd: List[str], env: Dict[str, str], src: str, exe: str,
                  compile_timeout: float, run_timeout: float,
                  extra: Optional[List[str]] = None, in_process: bool = False,
                  runner: Optional[List[str]] = None) -> Outcome:
    """Compile src with cmd (or, in_process, with lcc inside this process:
    cmd is then lcc's arguments) and run it (under runner, e.g. qemu)."""
    start = time.monotonic()
    args = ["-w", "-I", CSMITH_INCLUDE, src, "-o", exe] + (extra or [])
    if in_process:
        from tools.conformance.lccrun import run_lcc

        r = run_lcc(cmd + args)
        failed = compile_outcome(r["code"], str(r["stderr"]))
    else:
        try:
            p = subprocess.run(cmd + args, capture_output=True, text=True, errors="replace",
                               env=env, timeout=compile_timeout)
        except subprocess.TimeoutExpired:
            return Outcome("compile-timeout", f"over {compile_timeout:g} s")
        failed = compile_outcome(p.returncode, p.stderr)
    if failed is not None:
        return failed
    return run_checksum(list(runner or []) + [exe], run_timeout, start)


class SeedResult:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.status = "ok"     # ok, suspect (gcc disagrees), fail, generator
        self.why: List[str] = []
        self.outcomes: Dict[str, Outcome] = {}


def check_seed(seed: int, cc_spec: str, args: argparse.Namespace) -> SeedResult:
    res = SeedResult(seed)
    work = tempfile.mkdtemp(prefix=f"csmith-{seed}-")
    try:
        src = os.path.join(work, f"{seed}.c")
        trouble = generate(seed, src)
        if trouble is not None:
            res.status, res.why = "generator", [trouble]
            return res
        runs: List[Tuple[str, List[str], Dict[str, str]]] = []
        gcc, genv = compiler("gcc")
        for lvl in LEVELS:
            runs.append((f"gcc {lvl}", gcc + [lvl], genv))
        cc, cenv = compiler(cc_spec)
        for lvl in args.levels:
            runs.append((f"{cc_spec} {lvl}", cc + [lvl], cenv))

        def build(i: int) -> None:
            name, cmd, env = runs[i]
            res.outcomes[name] = build_and_run(cmd, env, src, os.path.join(work, f"t{i}"),
                                               args.compile_timeout, args.timeout,
                                               shlex.split(args.link))
        for i in range(len(LEVELS)):
            build(i)
        ref = [res.outcomes[f"gcc {lvl}"] for lvl in LEVELS]
        if any(o.kind != "ok" for o in ref) or ref[0].text != ref[1].text:
            # gcc's levels disagree or time out: undefined behaviour or a
            # very slow program; not evidence against lcc (and not worth
            # compiling and running lcc's binaries).
            res.status = "suspect"
            res.why = [f"gcc {lvl}: {o!r}" for lvl, o in zip(LEVELS, ref)]
            return res
        for i in range(len(LEVELS), len(runs)):
            build(i)
        for name, _, _ in runs[len(LEVELS):]:
            o = res.outcomes[name]
            if o.kind != "ok":
                res.why.append(f"{name}: {o!r}")
            elif o.text != ref[0].text:
                res.why.append(f"{name}: wrong checksum ({o.text.split('=')[-1].strip()}"
                               f" vs gcc {ref[0].text.split('=')[-1].strip()})")
        if res.why:
            res.status = "fail"
        if res.status == "fail" or args.keep_all:
            _keep(src, res, cc_spec, args)
        return res
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _keep(src: str, res: SeedResult, cc_spec: str, args: argparse.Namespace) -> None:
    os.makedirs(args.out, exist_ok=True)
    dst = os.path.join(args.out, f"{res.seed}.c")
    shutil.copyfile(src, dst)
    rel = os.path.relpath(dst, ROOT)
    lines = [f"seed {res.seed}: {res.status}"] + [f"  {w}" for w in res.why]
    lines.append("outcomes:")
    lines += [f"  {name}: {o!r}" for name, o in res.outcomes.items()]
    lines.append("reproduce (from the repository root):")
    for lvl in args.levels:
        cc = "python -m lcc" if cc_spec.split()[0] == "lcc" else cc_spec.split()[0]
        extra = " ".join(cc_spec.split()[1:])
        lines.append(f"  {cc} {extra} {lvl} -w -I {CSMITH_INCLUDE} {rel} -o /tmp/cs "
                     f"{args.link} && /tmp/cs")
    with open(os.path.join(args.out, f"{res.seed}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def parse_seeds(text: str) -> List[int]:
    seeds: List[int] = []
    for part in text.split(","):
        if "-" in part:
            lo, hi = part.split("-", 1)
            seeds += range(int(lo), int(hi) + 1)
        elif part:
            seeds.append(int(part))
    return seeds


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seeds", default="1-20", help="e.g. 1-100 or 3,17,40-45")
    p.add_argument("-n", type=int, help="seeds 1..N (instead of --seeds)")
    p.add_argument("--cc", default="lcc", help='compiler under test (default lcc)')
    p.add_argument("--levels", default="0,2",
                   help="its -O levels, comma separated (default 0,2)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per program run")
    p.add_argument("--compile-timeout", type=float, default=300.0)
    p.add_argument("-j", "--jobs", type=int, default=1)
    p.add_argument("--out", default=OUT_DIR, help="where failing programs are saved")
    p.add_argument("--keep-all", action="store_true", help="save every program")
    p.add_argument("--link", default="", metavar="ARGS",
                   help="extra arguments for every compile, e.g. --link=-lm (csmith's "
                        "programs call fabsf and friends, which gcc expands inline)")
    args = p.parse_args(argv)
    args.levels = ["-O" + x.strip().lstrip("-O") for x in args.levels.split(",") if x.strip()]
    if not os.path.exists(CSMITH) or not os.path.isdir(CSMITH_INCLUDE):
        print("csmith is not installed (apt-get install csmith libcsmith-dev)",
              file=sys.stderr)
        return 2
    seeds = list(range(1, args.n + 1)) if args.n else parse_seeds(args.seeds)
    results: List[SeedResult] = []
    start = time.monotonic()
    with ThreadPoolExecutor(max(1, args.jobs)) as ex:
        for res in ex.map(lambda s: check_seed(s, args.cc, args), seeds):
            results.append(res)
            mark = {"ok": ".", "suspect": "?", "fail": "F", "generator": "G"}[res.status]
            print(mark, end="", flush=True)
    print()
    print(summary(results, args.cc, time.monotonic() - start, args.out))
    return 0 if all(r.status != "fail" for r in results) else 1


def summary(results: List[SeedResult], cc: str, seconds: float, out: str) -> str:
    from tabulate import tabulate

    by: Dict[str, List[int]] = {}
    for r in results:
        if r.status != "fail":
            continue
        for name, o in r.outcomes.items():
            if name.startswith("gcc "):
                continue
            if o.kind == "ok":
                if not any(w.startswith(name + ": wrong checksum") for w in r.why):
                    continue
                key = f"{name}: wrong checksum"
            elif o.kind in ("compile-error", "ice"):
                key = f"{name}: {o.kind}: {normalise(o.text)[:80]}"
            else:
                key = f"{name}: {o.kind}" + (f" {o.text}" if o.kind in ("crash", "exit") else "")
            by.setdefault(key, []).append(r.seed)
    counts = {s: sum(1 for r in results if r.status == s)
              for s in ("ok", "fail", "suspect", "generator")}
    text = (f"csmith: {len(results)} seeds, compiler under test {cc!r}: {counts['ok']} ok, "
            f"{counts['fail']} failing, {counts['suspect']} set aside (gcc -O0/-O2 disagree "
            f"or time out), {seconds:.0f} s")
    if by:
        rows = [[k, len(v), " ".join(map(str, v[:15])) + (" ..." if len(v) > 15 else "")]
                for k, v in sorted(by.items(), key=lambda kv: -len(kv[1]))]
        text += "\n" + tabulate(rows, headers=["failure", "seeds", "which"])
        text += f"\nfailing programs and details: {os.path.relpath(out, os.getcwd())}/"
    suspects = [r for r in results if r.status == "suspect"]
    if suspects:
        text += "\nset aside: " + ", ".join(f"{r.seed} ({'; '.join(r.why)})"
                                            for r in suspects[:10])
    return text


if __name__ == "__main__":
    raise SystemExit(main())
