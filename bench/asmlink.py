"""Assembler and linker speed: GNU `as` against lcc's assembler, and
`ld` (through `cc`, and run directly) against lcc's linker, on the SQLite
shell (sqlite3.c + shell.c), in one run.

    python3 bench/asmlink.py [--repeat 3] [--asm-from lcc|gcc] [--skip-link]

1. The assembly: `lcc -S` (or `gcc -S` with --asm-from gcc) of both
   sources with tools/realprog.py's SQLite flags, kept in
   build/bench-asmlink/<from>/ and rebuilt only when the source or the
   command changes.
2. Assembling: `as` as a process per run; `lcc.asm.assemble(text, path)`
   in a worker process per interpreter (CPython, the PyPy venv) that
   assembles `--repeat` times in-process: the first run (cold: imports,
   JIT warm-up) and the median of the others (warm) are reported. The
   objects are checked against as's (same sections and sizes).
3. Linking the objects GNU as wrote (-lm, PIE like Debian's gcc): `cc`
   (gcc's driver, collect2, ld), `ld` run directly on the command line
   lcc.link.inputs.default_link gives (gcc's), and lcc's linker
   (`lcc.link.linker.link(items, output)`) in a worker per interpreter.
   Each program runs a small SQL script; its output must be the cc-linked
   program's.

A piece that does not exist yet (lcc's assembler or linker) or fails is
reported as "not available"/"failed" in the table, never a crash.
Times are wall-clock medians (the machine is shared: CPU time, user +
system, is shown beside them). Results: a table on the terminal and
JSON in bench/results/asmlink-<time>.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from tests import corpora  # noqa: E402
from tools.realprog import SQLITE_FLAGS, SQLITE_SOURCES  # noqa: E402

WORK = os.path.join(ROOT, "build", "bench-asmlink")
SQL = b"create table t(a, b);\ninsert into t values (1, 'one'), (2, 'two');\n" \
      b"select a, b, length(b) from t order by a desc;\nselect 6 * 7, upper('ok');\n"

# One worker: the job as JSON in argv[1]; prints JSON. Runs `repeat` times
# in the same process so that cold (first) and warm runs can be told apart.
_WORKER = r"""
import json, sys, time
job = json.loads(sys.argv[1])
out = {"runs": [], "error": None}
t0 = time.perf_counter()
try:
    if job["what"] == "asm":
        from lcc.asm import assemble
        with open(job["src"], encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
    else:
        from lcc.link.linker import link
except Exception as e:
    out["error"] = "not available: %s: %s" % (type(e).__name__, e)
    print(json.dumps(out)); sys.exit(0)
out["import_s"] = time.perf_counter() - t0
for i in range(job["repeat"]):
    w, c = time.perf_counter(), time.process_time()
    try:
        if job["what"] == "asm":
            data = assemble(text, job["src"])
            with open(job["out"], "wb") as f:
                f.write(data)
        else:
            link(job["items"], job["out"])
    except BaseException as e:
        out["error"] = "failed: %s: %s" % (type(e).__name__, str(e)[:300])
        break
    out["runs"].append([time.perf_counter() - w, time.process_time() - c])
print(json.dumps(out))
"""


def interpreters() -> Dict[str, str]:
    out = {}
    cpy = sys.executable if "PyPy" not in sys.version else shutil.which("python3")
    if cpy:
        out["CPython"] = cpy
    pypy = os.path.join(ROOT, ".venv", "bin", "python")
    if os.path.exists(pypy):
        out["PyPy"] = pypy
    elif shutil.which("pypy3"):
        out["PyPy"] = shutil.which("pypy3") or ""
    return out


def _env() -> Dict[str, str]:
    return dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


def timed(cmd: List[str], stdin: Optional[bytes] = None) -> Tuple[float, float, int, bytes]:
    """(wall s, cpu s of the process and its children, exit status, stderr)."""
    _child_cpu()
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin is not None else
                         subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=_env())
    _, err = p.communicate(stdin)
    wall = time.perf_counter() - start
    # communicate() reaped it: the children's rusage now includes it
    return wall, _child_cpu(), p.returncode, err


_last_cpu = [0.0]


def _child_cpu() -> float:
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = r.ru_utime + r.ru_stime
    took = total - _last_cpu[0]
    _last_cpu[0] = total
    return took


def make_asm(src: str, origin: str) -> str:
    """The -S output of src, rebuilt when src or the command changed."""
    out_dir = os.path.join(WORK, origin)
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, os.path.basename(src)[:-2] + ".s")
    if origin == "lcc":
        cc = [interpreters().get("PyPy") or sys.executable, "-m", "lcc"]
    else:
        cc = ["gcc"]
    cmd = cc + SQLITE_FLAGS + ["-I", os.path.dirname(src), "-S", src, "-o", out]
    stamp = out + ".cmd"
    key = json.dumps([cmd[1:] if origin == "lcc" else cmd, os.path.getmtime(src)])
    if os.path.exists(out) and os.path.exists(stamp):
        with open(stamp) as f:
            if f.read() == key:
                return out
    print(f"  generating {os.path.relpath(out, ROOT)} ...", flush=True)
    _child_cpu()
    wall, _cpu, code, err = timed(cmd)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')[-2000:]}")
    with open(stamp, "w") as f:
        f.write(key)
    print(f"  ... {wall:.1f}s", flush=True)
    return out


def worker(interp: str, job: Dict[str, Any], timeout: float) -> Dict[str, Any]:
    _child_cpu()
    try:
        p = subprocess.run([interp, "-c", _WORKER, json.dumps(job)], capture_output=True,
                           env=_env(), timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"runs": [], "error": f"failed: timeout after {timeout:.0f}s"}
    _child_cpu()
    try:
        return json.loads(p.stdout.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"runs": [], "error": "failed: worker crashed: " +
                p.stderr.decode(errors="replace")[-300:]}


def median(xs: List[float]) -> Optional[float]:
    return statistics.median(xs) if xs else None


def compare_objects(ref: str, got: str) -> str:
    """Sections (name, type, size) of lcc's object against as's."""
    from lcc.elf.reader import read_elf
    try:
        with open(ref, "rb") as f:
            a = read_elf(f.read(), ref)
        with open(got, "rb") as f:
            b = read_elf(f.read(), got)
    except Exception as e:  # a broken object is a result, not a crash
        return f"unreadable: {e}"
    sa = {(s.name, s.type, s.size) for s in a.sections if not s.name.startswith(".rela")}
    sb = {(s.name, s.type, s.size) for s in b.sections if not s.name.startswith(".rela")}
    if sa == sb:
        return "sections = as"
    diff = sorted({n for n, _t, _s in sa ^ sb})
    return f"{len(diff)} sections differ from as: {', '.join(diff[:4])}"


def run_program(exe: str, expected: Optional[bytes]) -> Tuple[str, Optional[bytes]]:
    try:
        p = subprocess.run([exe, "-batch", ":memory:"], input=SQL, capture_output=True,
                           timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"does not run: {e}", None
    if p.returncode != 0:
        return f"exit {p.returncode}: {p.stderr.decode(errors='replace')[:120]}", p.stdout
    if expected is not None and p.stdout != expected:
        return "output differs from cc-linked", p.stdout
    return "runs, output = cc-linked" if expected is not None else "runs", p.stdout


def row(step: str, tool: str, walls: List[float], cpus: List[float], first: Optional[float],
        check: str, base: Optional[Tuple[float, float]]) -> Dict[str, Any]:
    """base: the GNU tool's (wall, cpu) medians."""
    m = median(walls)
    c = median(cpus)
    return {"step": step, "tool": tool, "median_s": m, "cpu_s": c,
            "first_s": first, "runs": len(walls),
            "vs_gnu": (m / base[0]) if (m is not None and base) else None,
            "cpu_vs_gnu": (c / base[1]) if (c is not None and base and base[1]) else None,
            "check": check}


def bench_assemble(asm: str, repeat: int, tmp: str) -> List[Dict[str, Any]]:
    name = os.path.basename(asm)
    step = f"assemble {name}"
    rows = []
    ref = os.path.join(tmp, name + ".as.o")
    walls, cpus = [], []
    _child_cpu()
    for _ in range(repeat):
        w, c, code, err = timed(["as", "--64", "-o", ref, asm])
        if code != 0:
            rows.append(row(step, "GNU as", [], [], None,
                            "failed: " + err.decode(errors="replace")[:200], None))
            return rows
        walls.append(w)
        cpus.append(c)
    base = (statistics.median(walls), statistics.median(cpus))
    rows.append(row(step, "GNU as", walls, cpus, walls[0], "reference", base))
    for label, interp in interpreters().items():
        out = os.path.join(tmp, f"{name}.{label}.o")
        res = worker(interp, {"what": "asm", "src": asm, "out": out, "repeat": repeat + 1},
                     timeout=3600)
        runs = res.get("runs", [])
        warm = runs[1:] if len(runs) > 1 else runs
        check = res["error"] or compare_objects(ref, out)
        rows.append(row(step, f"lcc.asm ({label})", [r[0] for r in warm],
                        [r[1] for r in warm], runs[0][0] if runs else None, check, base))
    return rows


def bench_link(objs: List[str], repeat: int, tmp: str,
               own_objs: Optional[List[str]] = None) -> List[Dict[str, Any]]:
    """Link GNU as's objects with each linker; own_objs (lcc.asm's
    objects, when this run made them) are linked by lcc's linker too: the
    whole own toolchain."""
    from lcc.link.inputs import default_link
    step = "link sqlite3 shell"
    items = objs + ["-lm"]
    rows = []
    exe = os.path.join(tmp, "prog.cc")
    walls, cpus = [], []
    _child_cpu()
    for _ in range(repeat):
        w, c, code, err = timed(["cc", "-o", exe] + items)
        if code != 0:
            rows.append(row(step, "cc (gcc driver + ld)", [], [], None,
                            "failed: " + err.decode(errors="replace")[:200], None))
            return rows
        walls.append(w)
        cpus.append(c)
    base = (statistics.median(walls), statistics.median(cpus))
    check, expected = run_program(exe, None)
    rows.append(row(step, "cc (gcc driver + ld)", walls, cpus, walls[0], check, base))
    # ld alone, on the command line gcc would give it
    plan = default_link("pie", items)
    exe_ld = os.path.join(tmp, "prog.ld")
    walls, cpus = [], []
    check = ""
    for _ in range(repeat):
        w, c, code, err = timed(["ld"] + plan.args + ["-o", exe_ld])
        if code != 0:
            check = "failed: " + err.decode(errors="replace")[:200]
            break
        walls.append(w)
        cpus.append(c)
    if not check:
        check = run_program(exe_ld, expected)[0]
    rows.append(row(step, "ld (direct, gcc's line)", walls, cpus,
                    walls[0] if walls else None, check, base))
    for label, interp in interpreters().items():
        out = os.path.join(tmp, f"prog.{label}")
        res = worker(interp, {"what": "link", "items": items, "out": out,
                              "repeat": repeat + 1}, timeout=1800)
        runs = res.get("runs", [])
        warm = runs[1:] if len(runs) > 1 else runs
        check = res["error"] or run_program(out, expected)[0]
        rows.append(row(step, f"lcc link ({label})", [r[0] for r in warm],
                        [r[1] for r in warm], runs[0][0] if runs else None, check, base))
    cpy = interpreters().get("CPython")
    if own_objs and cpy:
        out = os.path.join(tmp, "prog.own")
        res = worker(cpy, {"what": "link", "items": own_objs + ["-lm"], "out": out,
                              "repeat": 1}, timeout=1800)
        runs = res.get("runs", [])
        check = res["error"] or run_program(out, expected)[0]
        rows.append(row(step, "lcc link (CPython) of lcc.asm's objects", [r[0] for r in runs],
                        [r[1] for r in runs], runs[0][0] if runs else None, check, base))
    return rows


def _fmt(x: Optional[float], unit: str = "") -> str:
    return "-" if x is None else f"{x:.3f}{unit}" if x < 10 else f"{x:.1f}{unit}"


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--asm-from", choices=("lcc", "gcc"), default="lcc",
                    help="whose -S output is assembled (default: lcc's)")
    ap.add_argument("--skip-link", action="store_true")
    ap.add_argument("--skip-asm", action="store_true")
    args = ap.parse_args(argv)
    srcdir = corpora.sqlite_dir()
    tmp = os.path.join(WORK, "out-" + args.asm_from)
    os.makedirs(tmp, exist_ok=True)
    rows: List[Dict[str, Any]] = []
    asms = [make_asm(os.path.join(srcdir, s), args.asm_from) for s in SQLITE_SOURCES]
    if not args.skip_asm:
        for asm in asms:
            rows += bench_assemble(asm, args.repeat, tmp)
    if not args.skip_link:
        objs = []
        own: Optional[List[str]] = []
        for asm in asms:
            obj = os.path.join(tmp, os.path.basename(asm) + ".as.o")
            if not os.path.exists(obj) or os.path.getmtime(obj) < os.path.getmtime(asm):
                subprocess.run(["as", "--64", "-o", obj, asm], check=True)
            objs.append(obj)
            mine = os.path.join(tmp, os.path.basename(asm) + ".PyPy.o")
            if own is not None and not args.skip_asm and os.path.exists(mine) and \
                    os.path.getmtime(mine) >= os.path.getmtime(asm):
                own.append(mine)
            else:
                own = None
        rows += bench_link(objs, args.repeat, tmp, own)
    table = [[r["step"], r["tool"], _fmt(r["median_s"]), _fmt(r["cpu_s"]), _fmt(r["first_s"]),
              _fmt(r["vs_gnu"], "x"), _fmt(r["cpu_vs_gnu"], "x"), r["check"]] for r in rows]
    headers = ["step", "tool", "median s", "cpu s", "first run s", "vs GNU", "cpu vs GNU",
               "check"]
    try:
        from tabulate import tabulate  # type: ignore[import-untyped]
        print(tabulate(table, headers=headers))
    except ImportError:
        print("\t".join(headers))
        for t in table:
            print("\t".join(str(x) for x in t))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    out = os.path.join(HERE, "results", "asmlink-%s.json" % time.strftime("%Y%m%d-%H%M%S"))
    with open(out, "w") as f:
        json.dump({"repeat": args.repeat, "asm_from": args.asm_from, "flags": SQLITE_FLAGS,
                   "asm_bytes": {os.path.basename(a): os.path.getsize(a) for a in asms},
                   "rows": rows}, f, indent=1)
    print("results:", out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
