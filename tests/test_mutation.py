"""Robustness on broken input (issue 2, acceptance 6).

Mutated torture tests (tokens and lines deleted, duplicated, swapped, files
truncated; fixed seed, see tools/conformance/mutate.py) go through
`lcc -fsyntax-only -w` in-process in a worker pool. Each must end with exit
status 0 or 1, no traceback or `internal compiler error` on stderr, within
10 s of CPU time (a worker still busy after 30 s of wall-clock time is
killed: timeout). The default run takes DEFAULT_COUNT mutants; `-m
mutation` runs another, disjoint 2000; `python -m tools.conformance.mutate --count 20000`
is the big run.
"""
from __future__ import annotations

import os
import random
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tools.conformance import mutate  # noqa: E402

DEFAULT_COUNT = 2000
TIME_LIMIT = 10.0


def _check(count: int, start: int) -> None:
    try:
        mutate.base_files()
    except Exception as e:  # corpora.CorpusUnavailable
        pytest.fail(f"the torture corpus is unavailable: {e}")
    problems, seconds, stats = mutate.run_mutants(count, mutate.DEFAULT_SEED,
                                                  timeout=TIME_LIMIT, start=start)
    print(f"\n{count} mutants from {start} in {seconds:.0f} s: {len(problems)} problems; "
          f"{stats}")
    assert not problems, (
        f"{len(problems)} of {count} mutated inputs crashed lcc, hung, or gave a bad exit "
        f"status; by reason:\n" + mutate.summarise(problems, limit=12))
    # The mutations must really break programs (and not all of them), or
    # this test would prove nothing.
    assert stats.get("exit 1", 0) >= count // 4 and stats.get("exit 0", 0) > 0, stats


def test_mutants_are_deterministic_and_really_mutated():
    bases = mutate.base_files()
    a = mutate.make_mutant(bases, 1, 42)
    b = mutate.make_mutant(bases, 1, 42)
    assert a == b
    changed = 0
    for i in range(50):
        text, base, edits = mutate.make_mutant(bases, 1, i)
        with open(base, encoding="latin-1") as f:
            changed += text != f.read()
    assert changed >= 45


def test_token_split_round_trips():
    src = 'int /* c */ x = a+++b; // end\nchar *s = "a\\"b";\n'
    assert "".join(mutate.split_tokens(src)) == src
    text, edits = mutate.mutate_text(src, random.Random(3))
    assert edits and text != src


def test_mutants_never_crash_lcc():
    _check(DEFAULT_COUNT, 0)


@pytest.mark.mutation
def test_more_mutants_never_crash_lcc():
    _check(2000, 100000)
