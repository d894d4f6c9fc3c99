"""The front end's acceptance test on the GCC torture suites (issue 2, item 1).

Of the torture tests that the target's gcc accepts with `-fsyntax-only -w`
and the test's dg-options, `lcc -fsyntax-only -w` must accept at least 99%,
per target. The default run takes a fixed sample (150 files on x86_64, 50 on
aarch64); `-m torture` runs both whole suites on the three targets. The
harness itself (tools/conformance) is checked first, on cases where the
right answer is known without lcc.
"""
from __future__ import annotations

import os
import random
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tools.conformance import dg, harness, report  # noqa: E402
from tools.conformance.lccrun import normalise, tokens_of_preprocessed  # noqa: E402
from tools.conformance.pool import CRASH, TIMEOUT, run_tasks  # noqa: E402

BAR = 0.99
SAMPLE = {"x86_64": 150, "aarch64": 50}
SAMPLE_SEED = 2


def _corpus_or_skip() -> None:
    try:
        harness.torture_files("compile")
    except Exception as e:  # corpora.CorpusUnavailable, or tar missing
        pytest.fail(f"the torture corpus is unavailable: {e}")


def sample_files(n: int, seed: int = SAMPLE_SEED) -> list:
    files = harness.torture_files("compile") + harness.torture_files("execute")
    return sorted(random.Random(seed).sample(files, n))


def check_acceptance(run: harness.Run) -> None:
    accepted_by_gcc = run.gcc_accepts()
    considered = len(run.records) - run.count("skip")
    # A broken oracle (no gcc, wrong options) must not make the bar easy.
    assert considered > 0 and accepted_by_gcc >= 0.8 * considered, (
        f"gcc accepted only {accepted_by_gcc} of {considered} tests: is the oracle working?")
    print()
    print(report.summary_table([run]))
    if run.groups():
        print(report.groups_table(run, limit=30))
    rate = run.acceptance()
    assert rate >= BAR, (
        f"{run.target}: lcc accepts {run.count('pass')} of the {accepted_by_gcc} tests gcc "
        f"accepts ({100 * rate:.2f}%, needs {100 * BAR:.0f}%); by cause:\n"
        + report.groups_table(run, limit=15))


# -- the harness on its own ------------------------------------------------

def _sleepy(task):
    if task == "hang":
        time.sleep(60)
    if task == "die":
        os._exit(3)
    return task


def test_pool_reports_timeouts_and_crashes_and_keeps_going():
    tasks = ["a", "hang", "b", "die", "c", "d"]
    got = {t: o for t, o in run_tasks(_sleepy, tasks, 2, 1.5)}
    assert got["hang"].kind == TIMEOUT
    assert got["die"].kind == CRASH and "status 3" in got["die"].detail
    assert [got[t].value for t in "abcd"] == list("abcd")


def test_dg_directives_and_selectors(tmp_path):
    src = tmp_path / "t.c"
    src.write_text(
        '/* { dg-options "-std=gnu89 -fwrapv" } */\n'
        '/* { dg-additional-options "-msse" { target { i?86-*-* x86_64-*-* } } } */\n'
        '/* { dg-skip-if "" { ! { i?86-*-* x86_64-*-* } } } */\n'
        '/* { dg-require-effective-target label_values } */\n'
        "int main(void) { return 0; }\n")
    x86 = dg.load_test(str(src), "execute", "x86_64", ["-O0"])
    assert x86.options == ["-std=gnu89", "-fwrapv", "-msse"] and x86.skip is None
    arm = dg.load_test(str(src), "execute", "aarch64", ["-O0"])
    assert arm.options == ["-std=gnu89", "-fwrapv"] and arm.skip is not None
    src.write_text('/* { dg-do compile { target mips*-*-* } } */\n'
                   '/* { dg-require-effective-target ia32 } */\n')
    assert dg.load_test(str(src), "compile", "riscv64", []).skip is not None


def test_diagnostics_group_by_cause_not_place():
    a = normalise("/tmp/x/a.c:3:7: error: unknown type name 'foo'")
    b = normalise("b.c:90:1: error: unknown type name 'bar'")
    assert a == b == "error: unknown type name 'ID'"
    ice = normalise("/w/a.c: lcc: internal compiler error: KeyError: 7")
    assert ice == "internal compiler error: KeyError: N"


def test_preprocessed_tokens_ignore_markers_and_spacing():
    a = '# 1 "a.c"\nint  x=a  +b;\n#pragma once\n'
    b = '# 7 "a.c" 2\nint x = a+b ;\n# pragma once\n'
    assert tokens_of_preprocessed(a) == tokens_of_preprocessed(b)
    assert tokens_of_preprocessed("a+++b") == ["a", "++", "+", "b"]


# -- lcc on the torture suites ----------------------------------------------

@pytest.mark.parametrize("target", ["x86_64", "aarch64"])
def test_torture_sample_accepted(target):
    _corpus_or_skip()
    files = sample_files(SAMPLE[target], SAMPLE_SEED + (target == "aarch64"))
    run = harness.run_suite(target, "syntax", files=files, flags=["-O0"], timeout=30)
    assert len(run.records) == len(files)
    check_acceptance(run)


@pytest.mark.torture
@pytest.mark.parametrize("target", ["x86_64", "aarch64", "riscv64"])
def test_torture_full_accepted(target):
    _corpus_or_skip()
    run = harness.run_suite(target, "syntax", flags=["-O0"], timeout=30)
    report.save(run)
    check_acceptance(run)


def test_compare_lists_newly_failing_and_passing(tmp_path):
    import json

    from tools.conformance.modes import SyntaxMode

    src = tmp_path / "a.c"
    src.write_text("int x;\n")
    t1 = dg.load_test(str(src), "compile", "x86_64", [])
    t2 = dg.load_test(str(src), "execute", "x86_64", [])
    run = harness.Run("x86_64", SyntaxMode("x86_64", "gcc", []), ["compile"], [])
    run.records = [harness.Record(t1, "reject", "error: boom"), harness.Record(t2, "pass")]
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"tests": {t1.name: {"status": "pass"},
                                         t2.name: {"status": "ice"}}}))
    worse, better = report.compare(run, str(old))
    assert [w[0] for w in worse] == [t1.name] and [b[0] for b in better] == [t2.name]
    assert run.acceptance() == 0.5 and run.groups()[0][0] == "error: boom"
