"""The command line behaves like gcc's: exit codes, errors, output files."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lcc import driver

pytestmark = pytest.mark.smoke

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HELLO = os.path.join(ROOT, "examples", "hello.c")


def run(args, capsys):
    code = driver.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_no_input(capsys):
    code, _, err = run([], capsys)
    assert code == 1
    assert "no input files" in err


def test_missing_file(capsys, tmp_path):
    code, _, err = run([str(tmp_path / "nope.c")], capsys)
    assert code == 1
    assert "No such file or directory" in err


def test_unknown_option(capsys):
    code, _, err = run(["-frobnicate-everything-now", "--bogus", HELLO], capsys)
    assert code == 1
    assert "unrecognized command-line option '--bogus'" in err


@pytest.mark.parametrize("std", ["-std=c89", "-std=gnu89", "-ansi"])
def test_no_gnu89_inline_needs_c99(capsys, std):
    """gcc rejects -fno-gnu89-inline where inline means gnu89 anyway."""
    gcc = subprocess.run(["gcc", std, "-fno-gnu89-inline", "-fsyntax-only", HELLO],
                         capture_output=True, text=True)
    code, _, err = run([std, "-fno-gnu89-inline", "-fsyntax-only", HELLO], capsys)
    assert (code, gcc.returncode) == (1, 1)
    assert "'-fno-gnu89-inline' is only supported in GNU99 or C99 mode" in err


def test_unknown_target(capsys):
    code, _, err = run(["--target=vax", HELLO], capsys)
    assert code == 1
    assert "unknown target" in err


@pytest.mark.parametrize("name,expected", [
    ("aarch64-linux-gnu-lcc", "aarch64"), ("riscv64-linux-gnu-lcc", "riscv64"),
    ("x86_64-linux-gnu-lcc", "x86_64"), ("lcc", None)])
def test_target_from_program_name(name, expected):
    opts = driver.parse_args(["x.c"], prog="/usr/bin/" + name)
    assert opts.target.name == (expected or opts.target.name)


def test_gcc_style_options_parse():
    opts = driver.parse_args(["-Ifoo", "-I", "bar", "-DX=1", "-UY", "-include", "pre.h",
                              "-std=c11", "-O2", "-w", "-MD", "-MF", "dep.d", "-c", "-o",
                              "x.o", "x.c", "-Wall", "-fPIC", "-march=native"])
    assert opts.include_dirs == ["foo", "bar"]
    assert opts.macro_ops == [("D", "X=1"), ("U", "Y")]
    assert opts.forced_includes == ["pre.h"]
    assert (opts.std, opts.std_version, opts.optimize) == ("c11", 201112, 2)
    assert not opts.warnings and opts.dep_side and opts.dep_file == "dep.d"
    assert opts.mode == "c" and opts.output == "x.o" and opts.inputs == ["x.c"]


def test_syntax_only_accepts_example(capsys):
    code, out, err = run(["-fsyntax-only", HELLO], capsys)
    assert (code, err) == (0, "")


def test_error_leaves_no_output_file(capsys, tmp_path):
    src = tmp_path / "bad.c"
    src.write_text("int main(void) { return 0 }\n")
    out_file = tmp_path / "bad.i"
    code, _, err = run(["--dump-ast", "-o", str(out_file), str(src)], capsys)
    assert code == 1
    assert f"{src}:1:" in err and "error:" in err
    assert not out_file.exists()


def test_error_format_has_source_line_and_caret(capsys, tmp_path):
    src = tmp_path / "bad.c"
    src.write_text("int main(void)\n{\n    return 0\n}\n")
    code, _, err = run(["-fsyntax-only", str(src)], capsys)
    assert code == 1
    lines = err.splitlines()
    first = next(i for i, line in enumerate(lines) if ": error: " in line)
    assert lines[first].startswith(f"{src}:")
    assert lines[first + 1].rstrip().endswith("|     return 0") or "|" in lines[first + 1]
    assert lines[first + 2].strip().endswith("^")


def test_internal_error_is_reported_without_traceback(capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("deliberate")

    monkeypatch.setattr(driver, "compile_one", broken)
    code, _, err = run(["-fsyntax-only", HELLO], capsys)
    assert code == 4
    assert "lcc: internal compiler error: KeyError" in err
    assert "Traceback" not in err


def test_module_entry_point_runs():
    proc = subprocess.run([sys.executable, "-m", "lcc", "--version"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.startswith("lcc ")


@pytest.mark.parametrize("flags", [["-fsyntax-only", "-S"], ["-S", "-fsyntax-only"],
                                   ["-c", "-fsyntax-only"]])
def test_syntax_only_wins_over_S_and_c_like_gcc(flags, tmp_path, monkeypatch, capsys):
    src = tmp_path / "x.c"
    src.write_text("int x;\n")
    monkeypatch.chdir(tmp_path)
    gcc = subprocess.run(["gcc", *flags, "x.c"], capture_output=True, text=True, check=False)
    gcc_files = sorted(p.name for p in tmp_path.iterdir())
    assert gcc.returncode == 0
    for p in tmp_path.iterdir():
        if p.name != "x.c":
            p.unlink()
    code, _, err = run([*flags, "x.c"], capsys)
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == gcc_files


def test_scalar_storage_order_big_endian_warns(capsys, tmp_path):
    """Reverse storage order is not implemented: lcc says so (gcc accepts
    both orders silently); native order needs no word."""
    src = tmp_path / "sso.c"
    src.write_text('struct __attribute__((scalar_storage_order("little-endian"))) L { int a; };\n'
                   'struct __attribute__((scalar_storage_order("big-endian"))) B { int a; };\n')
    gcc = subprocess.run(["gcc", "-fsyntax-only", str(src)], capture_output=True, text=True)
    code, _, err = run(["-fsyntax-only", str(src)], capsys)
    assert (code, gcc.returncode) == (0, 0)
    assert err.count("'scalar_storage_order' attribute ignored") == 1
    assert "sso.c:2:" in err
