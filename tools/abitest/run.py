"""Compile the generated ABI test with gcc and the compiler under test in
all four caller/callee combinations, link, run, compare with gcc+gcc.

    python -m tools.abitest                    # full suite (248 functions), lcc
    python -m tools.abitest --sample 48        # the default test tier's sample
    python -m tools.abitest --cc "gcc -O2"     # a stand-in, to check the harness
    python -m tools.abitest --keep build/abitest   # keep the files

The functions are split into chunks (`--chunk`, default 16) with their own
caller/callee files, so one function that lcc cannot compile costs only
its chunk. Exit status 0 when every combination matched the reference.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Optional, Tuple

from tools.abitest.gen import FULL_COUNT, Func, generate, sample_indices

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMBOS = [("gcc", "gcc"), ("cc", "gcc"), ("gcc", "cc"), ("cc", "cc")]
RUN_TIMEOUT = 10.0


def compiler_argv(spec: str) -> Tuple[List[str], Dict[str, str]]:
    """`lcc [flags]` runs this checkout's lcc with the current interpreter;
    anything else is a command line (`gcc -O2`)."""
    words = shlex.split(spec)
    env = dict(os.environ)
    if words and words[0] == "lcc":
        env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
        return [sys.executable, "-m", "lcc"] + words[1:], env
    return words, env


class Step:
    """One command's outcome."""

    def __init__(self, ok: bool, text: str, out: str = "") -> None:
        self.ok = ok
        self.text = text  # stdout on success, else what went wrong
        self.out = out    # stdout either way


def run(cmd: List[str], cwd: str, env: Optional[Dict[str, str]] = None,
        timeout: float = 600) -> Step:
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Step(False, "timeout")
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        first = next((ln for ln in err.splitlines() if "error" in ln), err.strip()[:200])
        if p.returncode < 0:
            first = f"killed by signal {-p.returncode}"
        return Step(False, f"exit {p.returncode}: {first}", out)
    return Step(True, out, out)


def by_function(output: str) -> Dict[str, List[str]]:
    """Output lines grouped by the function their tag names (f12.p3 -> f12)."""
    groups: Dict[str, List[str]] = {}
    for line in output.splitlines():
        name = line.split(".", 1)[0]
        groups.setdefault(name, []).append(line)
    return groups


class Chunk:
    def __init__(self, number: int, funcs: List[Func], directory: str) -> None:
        self.number = number
        self.funcs = funcs
        self.dir = directory


class Result:
    """Per combination: functions that matched, differed, or never ran
    (with the reason)."""

    def __init__(self) -> None:
        self.ok: Dict[str, int] = {c: 0 for c in ("cc+gcc", "gcc+cc", "cc+cc")}
        # (combo, function number, "name: prototype", detail)
        self.bad: List[Tuple[str, int, str, str]] = []
        self.reference_failed: List[str] = []

    def add_bad(self, combo: str, func: Func, detail: str) -> None:
        self.bad.append((combo, func.index, f"{func.name}: {func.prototype()}", detail))


def check_chunk(chunk: Chunk, cc: List[str], cc_env: Dict[str, str], result: Result,
                rt_obj: str) -> None:
    d = chunk.dir
    objs: Dict[Tuple[str, str], Step] = {}
    for who, argv, env in (("gcc", ["gcc"], None), ("cc", cc, cc_env)):
        for part in ("caller", "callee"):
            obj = f"{part}.{who}.o"
            objs[(who, part)] = run(argv + ["-w", "-c", f"{part}.c", "-o", obj], d, env)
    outputs: Dict[str, Optional[str]] = {}
    for caller, callee in COMBOS:
        combo = f"{caller}+{callee}"
        problems = [f"{who} {part}: {objs[(who, part)].text}"
                    for who, part in ((caller, "caller"), (callee, "callee"))
                    if not objs[(who, part)].ok]
        if problems:
            outputs[combo] = None
            for f in chunk.funcs:
                result.add_bad(combo, f, "compile failed: " + "; ".join(problems))
            continue
        exe = f"t.{caller}.{callee}"
        link = run(["gcc", "-no-pie", f"caller.{caller}.o", f"callee.{callee}.o", rt_obj,
                    "-o", exe], d)
        if not link.ok:
            outputs[combo] = None
            for f in chunk.funcs:
                result.add_bad(combo, f, "link failed: " + link.text)
            continue
        out = run([os.path.join(d, exe)], d, timeout=RUN_TIMEOUT)
        # Keep what a failing program printed before it died: a crash in
        # f12 should not blame f0..f11.
        outputs[combo] = out.out
        if not out.ok:
            outputs[combo + "!"] = out.text
    ref = outputs.get("gcc+gcc")
    if ref is None or "gcc+gcc!" in outputs:
        result.reference_failed.append(f"chunk {chunk.number}")
        return
    ref_groups = by_function(ref)
    for combo in ("cc+gcc", "gcc+cc", "cc+cc"):
        text = outputs.get(combo)
        if text is None:
            continue
        died = outputs.get(combo + "!")
        groups = by_function(text)
        for f in chunk.funcs:
            want = ref_groups.get(f.name, [])
            got = groups.get(f.name, [])
            if got == want:
                result.ok[combo] += 1
                continue
            if not got and died:
                result.add_bad(combo, f, f"not reached: program {died}")
                continue
            detail = _first_difference(want, got)
            if died and len(got) < len(want):
                detail += f" (program {died})"
            result.add_bad(combo, f, detail)


def _first_difference(want: List[str], got: List[str]) -> str:
    for i in range(max(len(want), len(got))):
        a = want[i] if i < len(want) else "<nothing>"
        b = got[i] if i < len(got) else "<nothing>"
        if a != b:
            return f"gcc+gcc: {a} | this: {b}"
    return "same lines"


def run_suite(cc_spec: str, indices: List[int], seed: int = 1, chunk_size: int = 16,
              keep: Optional[str] = None, jobs: int = 2) -> Result:
    cc, cc_env = compiler_argv(cc_spec)
    gen = generate(seed, indices)
    base = keep or tempfile.mkdtemp(prefix="lcc-abitest-")
    result = Result()
    try:
        os.makedirs(base, exist_ok=True)
        chunks = []
        for n in range(0, len(gen.funcs), chunk_size):
            d = os.path.join(base, f"chunk{n // chunk_size:03d}")
            type(gen)(seed, gen.funcs[n:n + chunk_size]).write(d)
            chunks.append(Chunk(n // chunk_size, gen.funcs[n:n + chunk_size], d))
        rt = run(["gcc", "-O1", "-w", "-c", os.path.join(chunks[0].dir, "rt.c"), "-o",
                  os.path.join(base, "rt.o")], base)
        if not rt.ok:
            raise RuntimeError("gcc cannot compile rt.c: " + rt.text)
        rt_obj = os.path.join(base, "rt.o")
        with ThreadPoolExecutor(max(1, jobs)) as ex:
            list(ex.map(lambda c: check_chunk(c, cc, cc_env, result, rt_obj), chunks))
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)
    result.bad.sort()
    return result


def report(result: Result, total: int, limit: int = 40) -> str:
    from tabulate import tabulate

    rows = [[combo, total, result.ok[combo], total - result.ok[combo]]
            for combo in ("cc+gcc", "gcc+cc", "cc+cc")]
    text = tabulate(rows, headers=["caller+callee", "functions", "match gcc+gcc", "differ"])
    if result.reference_failed:
        text += "\nreference (gcc+gcc) failed in: " + ", ".join(result.reference_failed)
    if result.bad:
        lines = [f"  [{combo}] {fn}\n      {detail}"
                 for combo, _, fn, detail in result.bad[:limit]]
        text += "\n\nmismatches:\n" + "\n".join(lines)
        if len(result.bad) > limit:
            text += f"\n  ... and {len(result.bad) - limit} more"
    return text


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.abitest", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cc", default="lcc", help='compiler under test (default "lcc"; '
                                                'e.g. "lcc -O2", "gcc -O2")')
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sample", type=int, metavar="N", help="only a fixed sample of N functions")
    p.add_argument("--only", metavar="I,J,...", help="only these function numbers")
    p.add_argument("--chunk", type=int, default=16, help="functions per caller/callee file")
    p.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    p.add_argument("-j", "--jobs", type=int, default=2)
    p.add_argument("--show", type=int, default=40, help="mismatches to list")
    args = p.parse_args(argv)
    if args.only:
        indices = [int(x) for x in args.only.split(",")]
    elif args.sample:
        indices = sample_indices(args.sample, args.seed)
    else:
        indices = list(range(FULL_COUNT))
    result = run_suite(args.cc, indices, args.seed, args.chunk, args.keep, args.jobs)
    print(f"ABI test: seed {args.seed}, {len(indices)} functions, compiler under test: "
          f"{args.cc}")
    print(report(result, len(indices), args.show))
    return 0 if not result.bad and not result.reference_failed else 1
