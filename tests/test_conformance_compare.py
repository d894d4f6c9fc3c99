"""`--compare` finds the regressions of a deliberately broken lcc.

A good lcc runs a small suite through the harness's command line (run
mode: compiled, linked, run, against gcc's verdicts), writing its JSON.
Then lcc is broken on purpose (LCC_CONFORMANCE_BREAK=int7: the integer
constant 7 reads as 8, patched in the harness process and inherited by
the forked pool workers) and
the same suite runs with `--compare` on the first run's results: exactly
the tests that use the constant 7 must be listed as newly failing, the
others not at all. Comparing the other way round lists them as newly
passing.
"""
from __future__ import annotations

import json

import pytest

from lcc.sema import litexprs
from tools.conformance import breakage, cli, oracle, report

TESTS = {
    # no constant 7: unaffected by the breakage
    "plain.c": "int main(void) { int a = 3, b = 4; return a + b == 3 + 4 ? 0 : 1; }\n",
    "loop.c": "int main(void) { int s = 0; for (int i = 0; i < 10; i++) s += i;\n"
              " return s == 45 ? 0 : 1; }\n",
    # the constant 7 read as 8 gives the wrong answer
    "seven.c": "#include <stdlib.h>\nint f(int x) { return x * 7; }\n"
               "int main(void) { if (f(6) != 42) abort(); return 0; }\n",
    "sevens.c": "int main(void) { int x = 3 + 4; return x != 7; }\n",
}
AFFECTED = {"execute/seven.c", "execute/sevens.c"}


def _suite(tmp_path):  # type: ignore[no-untyped-def]
    d = tmp_path / "execute"
    d.mkdir()
    for name, text in TESTS.items():
        (d / name).write_text(text)
    return sorted(str(d / n) for n in TESTS)


def _break_sevens(m: pytest.MonkeyPatch) -> None:
    """LCC_CONFORMANCE_BREAK=int7, as on the command line; the harness
    patches lcc when the run starts. Registering the intact function
    first makes the monkeypatch context restore it afterwards."""
    m.setattr(litexprs, "split_int", litexprs.split_int)
    m.setenv(breakage.VARIABLE, "int7")


def _cli(files, results, capsys, *extra):  # type: ignore[no-untyped-def]
    code = cli.main(["--target", "x86_64", "--mode", "run", "--suite", "execute", "-j", "1",
                     "--results", str(results), *extra] + files)
    return code, capsys.readouterr().out


def _latest(results) -> str:  # type: ignore[no-untyped-def]
    return str(results / "latest-x86_64-run-O0.json")


def test_compare_lists_the_regressions_of_a_broken_build(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(oracle, "CACHE_DIR", str(tmp_path / "cache"))
    files = _suite(tmp_path)
    good_dir, bad_dir = tmp_path / "good", tmp_path / "bad"
    code, out = _cli(files, good_dir, capsys)
    good = json.load(open(_latest(good_dir)))
    assert code == 0, out
    assert {t: r["status"] for t, r in good["tests"].items()} == {
        f"execute/{n}": "pass" for n in TESTS}

    with monkeypatch.context() as m:
        _break_sevens(m)
        # A directory: compared with the file of the same target and mode.
        code, out = _cli(files, bad_dir, capsys, "--compare", str(good_dir))
    assert code == 1
    assert f"{len(AFFECTED)} newly failing, 0 newly passing" in out, out
    bad = json.load(open(_latest(bad_dir)))
    assert bad["meta"]["broken"] == "int7"
    failing = {t for t, r in bad["tests"].items() if r["status"] != "pass"}
    assert failing == AFFECTED
    listed = out[out.index("newly failing"):]
    for name in TESTS:
        assert (f"execute/{name}" in listed) == (f"execute/{name}" in AFFECTED)
    # The failures are grouped by how the programs failed, with commands.
    causes = {g["cause"] for g in bad["groups"]}
    assert causes == {"runtime: SIGABRT", "runtime: exit 1"}
    assert all("python -m lcc" in g["reproduce"] for g in bad["groups"])

    # The other way round (an explicit file): the fix shows as newly passing.
    code, out = _cli(files, tmp_path / "fixed", capsys, "--compare", _latest(bad_dir))
    assert code == 0
    assert f"0 newly failing, {len(AFFECTED)} newly passing" in out, out


def test_compare_matches_files_by_target_and_mode(tmp_path):
    # Results of several targets and modes in one directory: each run is
    # compared with its own kind, the newest first; old files without a
    # "tag" are matched by their mode and -O flag.
    def write(name, target, mode, tag, started):  # type: ignore[no-untyped-def]
        meta = {"target": target, "mode": mode, "flags": ["-O0"], "started": started}
        if tag:
            meta["tag"] = tag
        (tmp_path / name).write_text(json.dumps({"meta": meta, "tests": {}}))
        return str(tmp_path / name)

    a = write("a.json", "x86_64", "run", "run-O0", "2026-01-01")
    b = write("b.json", "x86_64", "run", "run-O0", "2026-02-01")
    c = write("c.json", "aarch64", "syntax", "syntax", "2026-02-01")
    d = write("d.json", "x86_64", "run", None, "2026-03-01")
    files = report.comparison_files([str(tmp_path)])
    assert sorted(files) == sorted([a, b, c, d])

    class _Mode:
        def __init__(self, tag: str) -> None:
            self.tag = tag

    class _Run:
        def __init__(self, target: str, tag: str) -> None:
            self.target, self.mode = target, _Mode(tag)

    assert report.matching_file(_Run("x86_64", "run-O0"), files) == d
    assert report.matching_file(_Run("x86_64", "run-O0"), [a, b]) == b
    assert report.matching_file(_Run("aarch64", "syntax"), files) == c
    assert report.matching_file(_Run("riscv64", "syntax"), files) is None
    # One file named explicitly: used for another mode of its target.
    assert report.matching_file(_Run("x86_64", "run-O2"), [a], single=True) == a
    assert report.matching_file(_Run("aarch64", "run-O2"), [a], single=True) is None


def test_plan_runs_what_each_target_can_do():
    # Run mode and csmith only where lcc generates code (lcc/target/<name>/).
    assert cli.plan("x86_64", "all", "auto")[0] == [
        ("run", ["compile", "execute"]), ("csmith", ["csmith"]), ("layout", ["layout"])]
    runs, notes = cli.plan("aarch64", "all", "auto")
    assert runs == [("syntax", ["compile", "execute"]), ("preprocess", ["compile", "execute"]),
                    ("layout", ["layout"])]
    assert any("csmith" in n for n in notes)
    runs, notes = cli.plan("riscv64", "execute", "run")
    assert runs == [] and "run mode is not possible" in notes[0]
