"""The csmith suite of the conformance harness (`-m csmith`, about a minute).

Two csmith seeds through `harness.run_suite(..., "csmith")`: gcc -O0 and
-O2 give the reference checksum, lcc's program must print the same; then
with lcc broken on purpose (the integer constant 7 reads as 8, patched in
this process and inherited by the forked workers) every counted seed must
be caught as a wrong checksum, and --compare's machinery must list them.
"""
from __future__ import annotations

import json
import shutil

import pytest

from lcc.sema import litexprs
from tools.conformance import breakage, harness, oracle, report

pytestmark = [pytest.mark.csmith,
              pytest.mark.skipif(shutil.which("csmith") is None, reason="needs csmith")]

SEEDS = [1, 2]


def test_csmith_suite_against_gcc_and_a_broken_build(tmp_path, monkeypatch):
    monkeypatch.setattr(oracle, "CACHE_DIR", str(tmp_path / "cache"))
    good = harness.run_suite("x86_64", "csmith", flags=["-O0"], jobs=1, seeds=SEEDS)
    names = {r.test.name for r in good.records}
    assert names == {f"csmith/{s}.c" for s in SEEDS}
    counted = [r for r in good.records if r.status != "gcc-fail"]
    assert counted, "gcc gave no reference checksum for any seed"
    assert all(r.status == "pass" for r in counted), [(r.test.name, r.status, r.group)
                                                      for r in counted]
    path = report.save(good, str(tmp_path / "results"))
    assert json.load(open(path))["meta"]["tag"] == "csmith-O0"

    # As LCC_CONFORMANCE_BREAK=int7 on the command line (breakage.py).
    monkeypatch.setattr(litexprs, "split_int", litexprs.split_int)
    monkeypatch.setenv(breakage.VARIABLE, "int7")
    bad = harness.run_suite("x86_64", "csmith", flags=["-O0"], jobs=1, seeds=SEEDS)
    for r in bad.records:
        if r.test.name in {c.test.name for c in counted}:
            # csmith's programs are full of small constants; any change of
            # the output or a crash is a catch, a pass is not.
            assert r.status in ("differ", "runtime", "timeout"), (r.test.name, r.status)
    worse, better = report.compare(bad, path)
    assert {w[0] for w in worse} == {c.test.name for c in counted} and not better
