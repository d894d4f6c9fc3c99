"""The conformance harness on the front-end-only targets (`-m cross`).

aarch64 and riscv64 have no back end yet, so `make conformance` runs
their syntax and preprocess modes and the layout oracle (gcc's values
measured under qemu-user). Here a sample of torture files goes through
those modes, and the layout suite through lcc, each against the target's
cross gcc; every test gcc accepts must pass.
"""
from __future__ import annotations

import shutil

import pytest

from tools.conformance import cli, harness

pytestmark = pytest.mark.cross

TARGETS = ["aarch64", "riscv64"]
SAMPLE = 8


def _sample():  # type: ignore[no-untyped-def]
    files = harness.torture_files("execute")
    step = max(1, len(files) // SAMPLE)
    return files[::step][:SAMPLE]


def _failures(run):  # type: ignore[no-untyped-def]
    return [(r.test.name, r.status, r.group) for r in run.failures()]


@pytest.mark.parametrize("target", TARGETS)
def test_front_end_modes_on_a_cross_target(target):
    from lcc.target import TARGETS as T
    if shutil.which(T[target].gcc) is None:
        pytest.fail(f"{T[target].gcc} is missing (tools/install-deps.sh)")
    todo, notes = cli.plan(target, "all", "auto")
    modes = [m for m, _ in todo]
    assert modes == ["syntax", "preprocess", "layout"] and notes
    files = _sample()
    for mode in ("syntax", "preprocess"):
        run = harness.run_suite(target, mode, files=files, flags=["-O0"], jobs=1)
        assert run.gcc_accepts() > SAMPLE // 2
        assert run.count("pass") == run.gcc_accepts(), _failures(run)


@pytest.mark.parametrize("target", TARGETS)
def test_layout_suite_on_a_cross_target(target):
    run = harness.run_suite(target, "layout", flags=["-O0"], jobs=1)
    assert len(run.records) == 10 and run.gcc_accepts() == 10
    assert run.count("pass") == 10, _failures(run)
