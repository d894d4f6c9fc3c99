"""The parser on the GCC torture suites and on real code.

Every torture test that `gcc -fsyntax-only -w` accepts must parse (after
lcc's own preprocessor). The default run takes a fixed sample of 100 files;
`-m torture` parses all of them (execute/ and compile/, about 3500), and
`-m realcode` parses sqlite3.c and Lua's sources, for each target.
"""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import List, Optional, Tuple

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for p in (ROOT, os.path.join(ROOT, "tests")):
    if p not in sys.path:
        sys.path.insert(0, p)

import corpora  # noqa: E402

GCC = {"x86_64": "gcc", "aarch64": "aarch64-linux-gnu-gcc",
       "riscv64": "riscv64-linux-gnu-gcc"}


def gcc_accepts(path: str, target: str) -> bool:
    r = subprocess.run([GCC[target], "-fsyntax-only", "-w", "-I", os.path.dirname(path), path],
                       capture_output=True, check=False)
    return r.returncode == 0


def parse_file(args: Tuple[str, str]) -> Tuple[str, Optional[str]]:
    """(path, None) if lcc preprocesses and parses the file, else the error."""
    path, target = args
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    from lcc import parse
    from lcc.diagnostics import CompileError, Diagnostics
    from lcc.driver import parse_args
    from lcc.preprocess import Preprocessor

    opts = parse_args(["-fsyntax-only", "-w", f"--target={target}",
                       "-I", os.path.dirname(path), path])
    diags = Diagnostics(stream=io.StringIO(), warnings=False)
    try:
        tokens = Preprocessor(opts, diags).run(path)
        if diags.errors:
            return path, "preprocessor: " + diags.stream.getvalue().splitlines()[0]
        parse.parse(tokens, opts, diags)
    except CompileError as e:
        return path, f"{e.loc}: error: {e.message}"
    except RecursionError:
        return path, "RecursionError"
    if diags.errors:
        return path, diags.stream.getvalue().splitlines()[0]
    return path, None


def failures(files: List[str], target: str) -> List[str]:
    """The files gcc accepts that lcc fails to parse, with the reason."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(parse_file, [(f, target) for f in files], chunksize=4))
    bad = []
    for path, err in results:
        if err is not None and gcc_accepts(path, target):
            bad.append(f"{os.path.basename(path)}: {err}")
    return bad


def torture_files() -> List[str]:
    try:
        return corpora.torture_tests("compile") + corpora.torture_tests("execute")
    except corpora.CorpusUnavailable as e:
        pytest.fail(f"torture corpus unavailable: {e}")
        raise


def test_torture_sample_parses() -> None:
    files = sorted(random.Random(7).sample(torture_files(), 100))
    bad = failures(files, "x86_64")
    assert not bad, "\n".join(bad)


@pytest.mark.torture
@pytest.mark.parametrize("target", ["x86_64", "aarch64", "riscv64"])
def test_torture_all_parse(target: str) -> None:
    files = torture_files()
    bad = failures(files, target)
    # Everything gcc accepts must parse; the list says what does not.
    assert not bad, f"{len(bad)} of {len(files)}:\n" + "\n".join(bad)


def realcode_files() -> List[str]:
    try:
        sqlite = os.path.join(corpora.sqlite_dir(), "sqlite3.c")
        lua = corpora.lua_dir()
    except corpora.CorpusUnavailable as e:
        pytest.fail(f"corpus unavailable: {e}")
        raise
    skip = {"onelua.c", "ltests.c"}
    luas = sorted(os.path.join(lua, f) for f in os.listdir(lua)
                  if f.endswith(".c") and f not in skip)
    return [sqlite] + luas


@pytest.mark.realcode
@pytest.mark.parametrize("target", ["x86_64", "aarch64", "riscv64"])
def test_realcode_parses(target: str) -> None:
    bad = failures(realcode_files(), target)
    assert not bad, "\n".join(bad)
