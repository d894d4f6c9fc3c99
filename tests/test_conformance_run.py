"""The conformance harness's run mode, checked end to end with stand-in
compilers (gcc, and gcc wrapped to misbehave in known ways): every outcome
lands in the status and failure group it should."""
from __future__ import annotations

import os
import stat

from tools.conformance import harness, oracle

TESTS = {
    # passes everywhere
    "ok.c": "int main(void) { return 0; }\n",
    # gcc's own binary fails: not counted (gcc-fail)
    "gccfails.c": "int main(void) { return 3; }\n",
    # the stand-in's BROKEN macro makes these misbehave
    "aborts.c": "#include <stdlib.h>\nint main(void) {\n#ifdef BROKEN\n abort();\n#endif\n"
                " return 0; }\n",
    "exits.c": "int main(void) {\n#ifdef BROKEN\n return 7;\n#endif\n return 0; }\n",
    "rejected.c": "#ifdef BROKEN\n#error broken here\n#endif\nint main(void) { return 0; }\n",
    "loops.c": "int main(void) {\n#ifdef BROKEN\n for (;;) ;\n#endif\n return 0; }\n",
    "nolink.c": "#ifdef BROKEN\nvoid missing(void);\n#else\nstatic void missing(void) {}\n"
                "#endif\nint main(void) { missing(); return 0; }\n",
}


def _suite(tmp_path):
    d = tmp_path / "execute"
    d.mkdir()
    for name, text in TESTS.items():
        (d / name).write_text(text)
    return sorted(str(d / n) for n in TESTS)


def test_run_mode_statuses_and_groups(tmp_path, monkeypatch):
    monkeypatch.setattr(oracle, "CACHE_DIR", str(tmp_path / "cache"))
    files = _suite(tmp_path)
    broken = tmp_path / "brokencc"
    broken.write_text('#!/bin/sh\nexec gcc -DBROKEN "$@"\n')
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    run = harness.run_suite("x86_64", "run", files=files, flags=["-O0"], jobs=1,
                            timeout=60, cc=str(broken), run_timeout=2)
    got = {os.path.basename(r.test.path): (r.status, r.group) for r in run.records}
    assert got["ok.c"] == ("pass", "")
    assert got["gccfails.c"][0] == "gcc-fail"
    assert got["aborts.c"] == ("runtime", "runtime: SIGABRT")
    assert got["exits.c"] == ("runtime", "runtime: exit 7")
    assert got["rejected.c"][0] == "reject" and "#error broken here" in got["rejected.c"][1]
    assert got["loops.c"] == ("timeout", "timeout (run)")
    assert got["nolink.c"][0] == "reject"
    assert got["nolink.c"][1].startswith("link: undefined reference to")
    assert run.gcc_accepts() == len(TESTS) - 1 and run.count("pass") == 1


def test_run_mode_with_gcc_passes_everything_gcc_passes(tmp_path, monkeypatch):
    monkeypatch.setattr(oracle, "CACHE_DIR", str(tmp_path / "cache"))
    files = _suite(tmp_path)
    run = harness.run_suite("x86_64", "run", files=files, flags=["-O2"], jobs=1,
                            timeout=60, cc="gcc", run_timeout=2)
    assert run.count("pass") == run.gcc_accepts() == len(TESTS) - 1


def test_run_mode_with_lcc(tmp_path, monkeypatch):
    # lcc in-process, as the real run: the simple tests compile and pass.
    monkeypatch.setattr(oracle, "CACHE_DIR", str(tmp_path / "cache"))
    files = [f for f in _suite(tmp_path) if os.path.basename(f) in ("ok.c", "exits.c")]
    run = harness.run_suite("x86_64", "run", files=files, flags=["-O0"], jobs=1,
                            timeout=60, run_timeout=5)
    assert run.count("pass") == 2, [(r.test.name, r.status, r.group) for r in run.records]
