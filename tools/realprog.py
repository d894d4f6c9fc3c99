"""Real programs built by lcc, compared with the same programs built by gcc.

    python -m tools.realprog sqlite [--cc CMD] [-j N] [--gcc-objs a.c,b.c] [--full]
    python -m tools.realprog lua    [--cc CMD] [-j N] [--testes] [--onelua] [--ltests]

- sqlite: the amalgamation (sqlite3.c) and its shell (shell.c), each compiled
  on its own with -c and then linked, as make would; the shell runs
  tests/realprog/sqlite.sql and its output must equal the gcc-built shell's
  byte for byte.
- lua: Lua 5.4 (the core, the standard libraries and lua.c; not luac.c nor
  ltests.c) with the makefile's Linux flags minus readline; the interpreter
  runs every tests/realprog/lua/*.lua (outputs compared byte for byte) and,
  with --testes, Lua's own test suite (testes/all.lua) in portable mode.

The sources come from tests/corpora.py. Objects and programs go to
build/realprog/<project>-<compiler>/. `--cc` replaces lcc's command line
(default: this Python running `-m lcc` from this checkout). `--gcc-objs`
compiles the listed sources with gcc in the lcc build: mixed linking finds
which object is miscompiled. `--lcc-only` is its complement (only the listed
sources with lcc). `--reuse` keeps objects already built (bisecting).
Exit status: 0 when every comparison agrees, 1 otherwise.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "tests", "realprog")
OUT = os.path.join(ROOT, "build", "realprog")

SQLITE_FLAGS = ["-O0", "-DSQLITE_THREADSAFE=0", "-DSQLITE_OMIT_LOAD_EXTENSION"]
SQLITE_SOURCES = ["sqlite3.c", "shell.c"]
# --full: the optional parts a distribution would enable (more code, and
# float-heavy: the math functions, R*Tree geometry, FTS ranking).
SQLITE_FULL = ["-DSQLITE_ENABLE_MATH_FUNCTIONS", "-DSQLITE_ENABLE_FTS4", "-DSQLITE_ENABLE_FTS5",
               "-DSQLITE_ENABLE_RTREE", "-DSQLITE_ENABLE_GEOPOLY"]

# The makefile's linux target (-DLUA_USE_LINUX) without -DLUA_USE_READLINE:
# POSIX functions and dlopen; -Wl,-E so C modules could see the API.
LUA_FLAGS = ["-O0", "-std=c99", "-DLUA_USE_LINUX"]
LUA_CORE = ["lapi", "lcode", "lctype", "ldebug", "ldo", "ldump", "lfunc", "lgc", "llex",
            "lmem", "lobject", "lopcodes", "lparser", "lstate", "lstring", "ltable", "ltm",
            "lundump", "lvm", "lzio"]
LUA_LIB = ["lauxlib", "lbaselib", "ldblib", "liolib", "lmathlib", "loslib", "ltablib",
           "lstrlib", "lutf8lib", "loadlib", "lcorolib", "linit"]
LUA_SOURCES = [n + ".c" for n in LUA_CORE + LUA_LIB + ["lua"]]

# Lines of testes/all.lua's output that differ from run to run (clock,
# memory, random seeds, timings); everything else is compared. The dots of
# tracegc (one per GC cycle) are dropped too: the collector runs as memory
# grows, and random data (seeded from the clock) changes that a little;
# constructs.lua prints which of two random paths it took.
_VOLATILE = ("time:", "random seeds:", "---- total memory", "total time:",
             "float random range", "integer random range",
             "sorting ", "re-sorting ", "Invert-sorting ", "test done on ",
             "Lua warning: #time difference", "(strings:", "udata:",
             "testing short-circuit optimizations (")


def lcc_command() -> List[str]:
    return [sys.executable, "-m", "lcc"]


def _env() -> Dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


class Build:
    """One program built by one compiler: its objects' compile times and
    errors, and the executable when everything compiled and linked."""

    def __init__(self, name: str, directory: str) -> None:
        self.name = name
        self.dir = directory
        self.times: Dict[str, float] = {}
        self.errors: Dict[str, str] = {}
        self.exe: Optional[str] = None

    def total_time(self) -> float:
        return sum(self.times.values())


def _compile(cmd: List[str], timeout: float) -> Tuple[float, Optional[str]]:
    """Run one compiler command; returns its CPU time (user + system of the
    process and its children: the machine is shared, wall time says little)
    and the error text when it failed."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=_env())
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status) if hasattr(
            os, "waitstatus_to_exitcode") else (status >> 8)
        took = usage.ru_utime + usage.ru_stime
        if p.returncode != 0:
            err.seek(0)
            text = err.read().decode("utf-8", "replace")
            return took, f"exit {p.returncode}\n{text[-4000:]}"
    return took, None


def build(name: str, cc: List[str], srcdir: str, sources: Sequence[str], flags: List[str],
          ldflags: List[str], libs: List[str], outdir: str, jobs: int = 1,
          gcc_objs: Sequence[str] = (), reuse: bool = False,
          timeout: float = 7200.0) -> Build:
    """Compile each source to an object with `cc ... -c` (the sources named in
    gcc_objs with gcc instead), then link with `cc`. Returns the Build."""
    os.makedirs(outdir, exist_ok=True)
    b = Build(name, outdir)
    work = []
    for src in sources:
        obj = os.path.join(outdir, src[:-2] + ".o")
        compiler = ["gcc"] if src in gcc_objs else cc
        if reuse and os.path.exists(obj) and src not in gcc_objs:
            continue
        cmd = compiler + flags + ["-I", srcdir, "-c", os.path.join(srcdir, src), "-o", obj]
        work.append((src, cmd))
    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
        futs = {pool.submit(_compile, cmd, timeout): src for src, cmd in work}
        for fut in concurrent.futures.as_completed(futs):
            src = futs[fut]
            took, err = fut.result()
            b.times[src] = took
            if err:
                b.errors[src] = err
            print(f"  {name}: {src} {took:.1f}s{' FAILED' if err else ''}", flush=True)
    if b.errors:
        return b
    exe = os.path.join(outdir, "prog")
    objs = [os.path.join(outdir, s[:-2] + ".o") for s in sources]
    took, err = _compile(cc + ldflags + ["-o", exe] + objs + libs, 600)
    b.times["(link)"] = took
    if err:
        b.errors["(link)"] = err
    else:
        b.exe = exe
    return b


def run(cmd: List[str], cwd: str, stdin: Optional[bytes] = None,
        timeout: float = 1800) -> Tuple[int, bytes, bytes]:
    try:
        r = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, timeout=timeout,
                           check=False)
    except subprocess.TimeoutExpired as e:
        return -999, e.stdout or b"", b"timeout"
    return r.returncode, r.stdout, r.stderr


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.splitlines(), b.splitlines()
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else b"<end>"
        y = lb[i] if i < len(lb) else b"<end>"
        if x != y:
            return f"line {i + 1}: gcc {x[:200]!r} / lcc {y[:200]!r}"
    return "identical"


def run_both(ref: List[str], got: List[str], ref_cwd: str, got_cwd: str,
             stdin: Optional[bytes] = None) -> Tuple[Tuple[int, bytes, bytes],
                                                     Tuple[int, bytes, bytes], str]:
    """Run the gcc-built and the lcc-built command; also says how long each
    took (wall clock: a rough idea of the generated code's speed)."""
    start = time.monotonic()
    r = run(ref, ref_cwd, stdin)
    mid = time.monotonic()
    g = run(got, got_cwd, stdin)
    return r, g, f"gcc-built {mid - start:.2f}s, lcc-built {time.monotonic() - mid:.2f}s"


def compare(label: str, ref: Tuple[int, bytes, bytes], got: Tuple[int, bytes, bytes],
            note: str = "") -> bool:
    same = ref == got
    note = f"; {note}" if note else ""
    if same:
        print(f"  {label}: identical ({len(ref[1])} bytes of output, exit {ref[0]}{note})")
    else:
        print(f"  {label}: DIFFERENT: exit gcc {ref[0]} / lcc {got[0]}; "
              f"stdout {first_difference(ref[1], got[1])}; "
              f"stderr {first_difference(ref[2], got[2])}")
    return same


def _report_build(b: Build) -> None:
    print(f"{b.name}: compile {b.total_time():.1f}s "
          + ", ".join(f"{s} {t:.1f}s" for s, t in sorted(b.times.items(), key=lambda x: -x[1])[:6]))
    for src, err in b.errors.items():
        print(f"{b.name}: {src} FAILED: {err}")


def both(project: str, cc: List[str], srcdir: str, sources: List[str], flags: List[str],
         ldflags: List[str], libs: List[str], args: argparse.Namespace) -> Tuple[Build, Build]:
    gcc_objs = [s for s in sources if s in set(args.gcc_objs)]
    if args.lcc_only:
        gcc_objs = [s for s in sources if s not in set(args.lcc_only)]
    ref = build("gcc", ["gcc"], srcdir, sources, flags, ldflags, libs,
                os.path.join(OUT, project + "-gcc"), jobs=args.jobs, reuse=args.reuse)
    # A mixed build has a directory of its own, so that a later --reuse of
    # the plain lcc build never picks up gcc's objects.
    got = build("lcc", cc, srcdir, sources, flags, ldflags, libs,
                os.path.join(OUT, project + ("-mixed" if gcc_objs else "-lcc")),
                jobs=args.jobs, gcc_objs=gcc_objs, reuse=args.reuse)
    _report_build(ref)
    _report_build(got)
    return ref, got


def _fresh_dir(parent: str) -> str:
    d = os.path.join(parent, "run")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def sqlite(args: argparse.Namespace) -> bool:
    from tests.corpora import sqlite_dir
    srcdir = sqlite_dir()
    project, flags = ("sqlite-full", SQLITE_FLAGS + SQLITE_FULL) if args.full else \
        ("sqlite", SQLITE_FLAGS)
    ref, got = both(project, args.cc, srcdir, SQLITE_SOURCES, flags, [], ["-lm"], args)
    if not (ref.exe and got.exe):
        return False
    ok = True
    scripts = [os.path.join(TESTS, n) for n in sorted(os.listdir(TESTS)) if n.endswith(".sql")]
    if args.full:
        full = os.path.join(TESTS, "sqlite-full")
        scripts += [os.path.join(full, n) for n in sorted(os.listdir(full)) if n.endswith(".sql")]
    for path in scripts:
        script = os.path.relpath(path, TESTS)
        with open(path, "rb") as f:
            text = f.read()
        cmd = ["-batch", "-bail", ":memory:"]
        # Each shell runs in a fresh directory of its own: scripts may
        # ATTACH database files (journal, WAL and file I/O paths).
        r, g, note = run_both([ref.exe] + cmd, [got.exe] + cmd, _fresh_dir(ref.dir),
                              _fresh_dir(got.dir), text)
        ok &= compare(script, r, g, note)
    return ok


def _filter(out: bytes) -> bytes:
    keep = []
    for line in out.decode("latin-1").splitlines():
        line = line.lstrip(".")
        if not line.lstrip().startswith(_VOLATILE):
            keep.append(line)
    return "\n".join(keep).encode("latin-1")


def lua(args: argparse.Namespace) -> bool:
    from tests.corpora import lua_dir
    srcdir = lua_dir()
    # --onelua: the whole interpreter as one translation unit (onelua.c
    # includes every .c file, most functions static): a much larger unit.
    project, sources = ("lua-one", ["onelua.c"]) if args.onelua else ("lua", LUA_SOURCES)
    flags = LUA_FLAGS
    if args.ltests:
        # The makefile's TESTS: ltests.c's internal test library T (memory
        # checks on every allocation, lua_assert on) lets testes run its
        # white-box parts (api.lua, code.lua, the T branches of gc.lua...).
        project, sources = project + "-ltests", sources + ["ltests.c"]
        flags = flags + ['-DLUA_USER_H="ltests.h"']
    ref, got = both(project, args.cc, srcdir, sources, flags, ["-Wl,-E"],
                    ["-lm", "-ldl"], args)
    if not (ref.exe and got.exe):
        return False
    ok = True
    scripts = os.path.join(TESTS, "lua")
    for script in sorted(os.listdir(scripts)):
        if script.endswith(".lua"):
            r, g, note = run_both([ref.exe, script], [got.exe, script], scripts, scripts)
            ok &= compare(script, r, g, note)
    if args.testes:
        ok &= testes(ref.exe, got.exe, os.path.join(srcdir, "testes"), args.testes_flags)
    return ok


def testes(ref_exe: str, got_exe: str, testdir: str, flags: str) -> bool:
    """Lua's own test suite in portable mode (_port: no tests of the C library
    T nor of the OS), each interpreter on its own. It must finish with
    'final OK' and exit 0; the output, clock/memory/random lines taken out,
    must be the gcc-built interpreter's."""
    cmd = ["-e", flags, "all.lua"]
    start = time.monotonic()
    r = run([ref_exe] + cmd, testdir)
    mid = time.monotonic()
    g = run([got_exe] + cmd, testdir)
    end = time.monotonic()
    print(f"  testes: gcc-built {mid - start:.1f}s, lcc-built {end - mid:.1f}s")
    # Kept for a look at the differences: build/realprog/lua-*/testes.out.
    for exe, res in ((ref_exe, r), (got_exe, g)):
        for ext, data in ((".out", res[1]), (".err", res[2])):
            with open(os.path.join(os.path.dirname(exe), "testes" + ext), "wb") as f:
                f.write(data)
    for label, res in (("gcc", r), ("lcc", g)):
        passed = res[0] == 0 and b"final OK" in res[1]
        print(f"  testes ({label}-built): {'final OK' if passed else 'FAILED'} (exit {res[0]})")
        if not passed:
            tail = res[1].decode("latin-1").splitlines()[-5:] + \
                res[2].decode("latin-1").splitlines()[-10:]
            print("    " + "\n    ".join(tail))
    return compare("testes (filtered)", (r[0], _filter(r[1]), _filter(r[2])),
                   (g[0], _filter(g[1]), _filter(g[2])))


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.realprog", description=__doc__.split("\n")[0])
    p.add_argument("project", choices=["sqlite", "lua"])
    p.add_argument("--cc", help="lcc's command line (default: this python -m lcc)")
    p.add_argument("-j", "--jobs", type=int, default=1)
    p.add_argument("--gcc-objs", default="", help="sources compiled by gcc in the lcc build")
    p.add_argument("--lcc-only", default="", help="only these sources compiled by lcc")
    p.add_argument("--reuse", action="store_true", help="keep the lcc objects already built")
    p.add_argument("--testes", action="store_true", help="lua: also run testes/all.lua")
    p.add_argument("--full", action="store_true",
                   help="sqlite: also FTS4/5, R*Tree, Geopoly, math functions; runs sqlite-full/")
    p.add_argument("--onelua", action="store_true",
                   help="lua: build onelua.c (one translation unit) instead of the files")
    p.add_argument("--ltests", action="store_true",
                   help="lua: build with ltests.c (the C test library T testes uses)")
    p.add_argument("--testes-flags", default="_port=true; _nomsg=true",
                   help="lua: Lua code run before all.lua (default: %(default)s)")
    args = p.parse_args(argv)
    args.cc = shlex.split(args.cc) if args.cc else lcc_command()
    args.gcc_objs = [s for s in args.gcc_objs.split(",") if s]
    args.lcc_only = [s for s in args.lcc_only.split(",") if s]
    ok = sqlite(args) if args.project == "sqlite" else lua(args)
    print("OK: outputs identical" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
