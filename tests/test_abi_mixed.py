"""Mixed linking against gcc: callers and callees compiled by lcc and gcc in
all four combinations must print what gcc+gcc prints (tools/abitest).

The default tier runs a fixed sample; `pytest -m abi` runs the full suite
(248 functions: every scalar, struct, union, __int128, _Complex, function
pointer and va_arg kind as parameter, variadic argument and return value).
"""
from __future__ import annotations

import pytest

from tools.abitest.gen import FULL_COUNT, sample_indices
from tools.abitest.run import report, run_suite

SAMPLE = 32


def _check(cc: str, indices, chunk: int = 16) -> None:
    result = run_suite(cc, indices, seed=1, chunk_size=chunk)
    assert not result.reference_failed, report(result, len(indices))
    if result.bad and all("code generation is not available yet" in detail
                          for _, _, _, detail in result.bad):
        pytest.xfail("lcc has no code generator yet")
    assert not result.bad, report(result, len(indices))


def test_harness_sees_an_abi_break():
    # The oracle's own check: a gcc that returns structs in memory
    # (-fpcc-struct-return) must be caught, gcc -O2 must not be.
    ok = run_suite("gcc -O2", sample_indices(12), seed=1, chunk_size=12)
    assert not ok.bad and not ok.reference_failed
    broken = run_suite("gcc -fpcc-struct-return", sample_indices(12), seed=1, chunk_size=12)
    assert broken.bad and not broken.reference_failed


def test_sample_against_gcc():
    _check("lcc", sample_indices(SAMPLE))


@pytest.mark.abi
@pytest.mark.parametrize("opt", ["-O0", "-O2"])
def test_full_suite_against_gcc(opt):
    _check(f"lcc {opt}", list(range(FULL_COUNT)))
