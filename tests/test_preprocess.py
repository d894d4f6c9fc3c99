"""The preprocessor against its oracles: gcc -E (token sequences), the
C11 6.10.3.5 examples (the standard's own output), `gcc -dM -E` (the
predefined macros), and gcc's verdicts on broken directives."""
from __future__ import annotations

import glob
import os
import re
import subprocess
from typing import Dict, List

import pytest

from lcc import driver
from lcc.preprocess.lexer import tokenize
from lcc.preprocess.predefined import predefined_macros
from lcc.target import get_target
from test_preprocess_compare import _lazy_sample, compare, output_tokens, run_lcc

HERE = os.path.dirname(os.path.abspath(__file__))
PP = os.path.join(HERE, "pp")
TARGETS = ["x86_64", "aarch64", "riscv64"]


def _texts(text: str) -> List[str]:
    return [t.text for t in tokenize(text, "<expected>")]


# ---- C11 6.10.3.5 examples: the standard's output, and gcc's ------------

@pytest.mark.smoke
@pytest.mark.parametrize("name", ["c11_example3", "c11_example4", "c11_example5",
                                  "c11_example7"])
def test_c11_examples(name: str) -> None:
    path = os.path.join(PP, name + ".c")
    code, out = run_lcc(path, "x86_64", [])
    assert code == 0
    got = [t for _, t in output_tokens(out, "gcc")]
    with open(os.path.join(PP, name + ".expected"), encoding="utf-8") as f:
        assert got == _texts(f.read())
    assert compare(path, "x86_64") is None


# ---- tricky cases against gcc -E, on every target ----------------------

_CASES = sorted(p for p in glob.glob(os.path.join(PP, "*.c"))
                if not os.path.basename(p).startswith("c11_"))


def test_cases_exist() -> None:
    assert len(_CASES) >= 8


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("path", _CASES, ids=[os.path.basename(p) for p in _CASES])
def test_against_gcc(path: str, target: str) -> None:
    assert compare(path, target) is None


# ---- -E layout: every token on gcc's output line ---------------------------

_LAYOUT = list(_CASES) + _lazy_sample(10, 5)


@pytest.mark.parametrize("path", _LAYOUT, ids=[os.path.basename(p) for p in _LAYOUT])
def test_lines_match_gcc(path: str) -> None:
    """Markers and newlines put each token on the file and line gcc puts it
    (multi-line macro calls expand on the line of their name)."""
    assert compare(path, "x86_64", lines=True) is None


# ---- predefined macros against gcc -dM -E ----------------------------------

# Differences from gcc that are accepted, with the reason:
#  - decimal floating point (__DEC*__, __DECIMAL_BID_FORMAT__): lcc has no
#    _Decimal types, and glibc does not look at these;
#  - the macros of /usr/include/stdc-predef.h (__STDC_IEC_559__,
#    __STDC_ISO_10646__, ...): gcc -dM shows them because it pre-includes that
#    file; lcc pre-includes it too, but they are not in lcc's table.
_ACCEPTED = re.compile(r"^(__DEC\w*|__DECIMAL_BID_FORMAT__|_STDC_PREDEF_H|__STDC_IEC_\w+|"
                       r"__STDC_ISO_10646__)$")


def _gcc_dm(gcc: str, args: List[str]) -> Dict[str, str]:
    out = subprocess.run([gcc, *args, "-dM", "-E", "-"], input="", capture_output=True,
                         text=True, check=True).stdout
    result = {}
    for line in out.splitlines():
        m = re.match(r"#define (\w+(?:\([^)]*\))?) ?(.*)", line)
        assert m, line
        result[m.group(1)] = m.group(2)
    return result


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("args", [[], ["-std=c11"], ["-O2"], ["-std=c99", "-O1"],
                                  ["-std=gnu89"], ["-ansi"], ["-std=c2x"], ["-Os"],
                                  ["-fgnu89-inline"]],
                         ids=["default", "c11", "O2", "c99-O1", "gnu89", "ansi", "c2x", "Os",
                              "gnu89-inline"])
def test_predefined_match_gcc(target: str, args: List[str]) -> None:
    opts = driver.parse_args(args + [f"--target={target}", "x.c"])
    mine = dict(predefined_macros(get_target(target), opts.std_version, opts.gnu,
                                  opts.optimize, True, opts.optimize_size,
                                  gnu_inline=opts.gnu_inline))
    theirs = _gcc_dm(get_target(target).gcc, args)
    diffs = [k for k in sorted(set(mine) | set(theirs))
             if mine.get(k) != theirs.get(k) and not _ACCEPTED.match(k.split("(")[0])]
    assert diffs == [], [(k, mine.get(k), theirs.get(k)) for k in diffs]


# ---- diagnostics: gcc's verdict, gcc's format ------------------------------

_BAD = {
    "missing_include": ('#include "no_such_header.h"\n',
                        "fatal error: no_such_header.h: No such file or directory"),
    "unterminated_if": ("#if 1\nint x;\n", "error: unterminated #if"),
    "error_directive": ("#error stop  here\n", "error: #error stop here"),
    "div_zero": ("#if 1/0\n#endif\n", "error: division by zero in #if"),
    "too_many_args": ("#define f(x) x\nf(1,2)\n",
                      'error: macro "f" passed 2 arguments, but takes just 1'),
    "unterminated_args": ("#define f(x) x\nf(\n",
                          'error: unterminated argument list invoking macro "f"'),
    "bad_directive": ("#foo\n", "error: invalid preprocessing directive #foo"),
    "bad_macro_name": ("#define 3 x\n", "error: macro names must be identifiers"),
    "else_without_if": ("#else\n", "error: #else without #if"),
    "endif_without_if": ("#endif\n", "error: #endif without #if"),
    "else_after_else": ("#if 1\n#else\n#else\n#endif\n", "error: #else after #else"),
    "elif_after_else": ("#if 1\n#else\n#elif 1\n#endif\n", "error: #elif after #else"),
    "stringify_non_param": ("#define s(x) #y\n",
                            "error: '#' is not followed by a macro parameter"),
    "paste_at_end": ("#define p x ##\n",
                     "error: '##' cannot appear at either end of a macro expansion"),
    "define_defined": ("#define defined 1\n",
                       "error: \"defined\" cannot be used as a macro name"),
    "dup_param": ("#define f(a, a) a\n", 'error: duplicate macro parameter "a"'),
    "if_no_expr": ("#if\n#endif\n", "error: #if with no expression"),
    "if_garbage": ("#if 1 +\n#endif\n", "error:"),
    "if_string": ('#if "s"\n#endif\n', "error:"),
    "if_float": ("#if 1.0\n#endif\n", "error: floating constant in preprocessor expression"),
    "ifdef_no_name": ("#ifdef\n#endif\n", "error: no macro name given in #ifdef directive"),
    "bad_paste": ("#define cat(a,b) a##b\ncat(+,-)\n", "error: pasting"),
    "include_no_name": ("#include\n", "error: #include expects"),
    "line_bad": ("#line x\n", "error:"),
    "defined_no_ident": ("#if defined(1)\n#endif\n", "error:"),
    "unterminated_comment": ("int x; /* no end\n", "error: unterminated comment"),
}


@pytest.mark.smoke
@pytest.mark.parametrize("name", sorted(_BAD))
def test_rejected_like_gcc(name: str, tmp_path, capsys) -> None:
    text, message = _BAD[name]
    path = tmp_path / f"{name}.c"
    path.write_text(text)
    gcc = subprocess.run(["gcc", "-E", str(path)], capture_output=True, text=True)
    assert gcc.returncode == 1, "the oracle must reject it too"
    code = driver.main(["-E", str(path), "-o", str(tmp_path / "out.i")])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err
    # gcc's shape: file:line:col: kind: message, then the line and a caret.
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: (fatal )?error: ", err)
    assert "|" in err and "^" in err
    assert not (tmp_path / "out.i").exists()


def test_warning_directive(tmp_path, capsys) -> None:
    path = tmp_path / "w.c"
    path.write_text("#warning careful\nint x;\n")
    assert driver.main(["-E", str(path), "-o", str(tmp_path / "o.i")]) == 0
    assert "warning: #warning careful" in capsys.readouterr().err


# ---- include search, guards, once, -D/-U/-include ---------------------------

def _tree(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "sys").mkdir()
    (tmp_path / "a" / "h.h").write_text("a_h\n#include_next <h.h>\n")
    (tmp_path / "b" / "h.h").write_text("b_h\n#include_next <h.h>\n")
    (tmp_path / "sys" / "h.h").write_text("sys_h\n")
    (tmp_path / "q.h").write_text("local_q\n")
    (tmp_path / "a" / "q.h").write_text("a_q\n")
    (tmp_path / "guard.h").write_text("#ifndef GUARD_H\n#define GUARD_H\nguarded\n#endif\n")
    (tmp_path / "once.h").write_text("#pragma once\nonce_body\n")
    (tmp_path / "forced.h").write_text("#define FORCED forced_value\n")
    (tmp_path / "main.c").write_text(
        '#include <h.h>\n#include "q.h"\n#include <q.h>\n#include "guard.h"\n'
        '#include "guard.h"\n#include "once.h"\n#include "once.h"\n'
        "FORCED X Y\n#define HDR <h.h>\n#if __has_include(HDR) && __has_include(\"q.h\")\n"
        "has_ok\n#endif\n")


def test_include_order_matches_gcc(tmp_path) -> None:
    _tree(tmp_path)
    args = ["-I", str(tmp_path / "a"), "-I", str(tmp_path / "b"),
            "-isystem", str(tmp_path / "sys"), "-include", str(tmp_path / "forced.h"),
            "-DX=1", "-DY", "-UY", "-DY=2"]
    assert compare(str(tmp_path / "main.c"), "x86_64", args) is None


def test_guard_skips_rereading(tmp_path) -> None:
    from lcc.preprocess import Preprocessor
    from lcc.diagnostics import Diagnostics

    _tree(tmp_path)
    opts = driver.parse_args(["-I", str(tmp_path / "a"), "-I", str(tmp_path / "b"),
                              "-isystem", str(tmp_path / "sys"), str(tmp_path / "main.c")])
    pp = Preprocessor(opts, Diagnostics())
    toks = pp.run(str(tmp_path / "main.c"))
    texts = [t.text for t in toks]
    assert texts.count("guarded") == 1 and texts.count("once_body") == 1
    assert pp._files.files[str(tmp_path / "guard.h")].guard == "GUARD_H"
    assert str(tmp_path / "sys" / "h.h") in pp.included_files
    assert pp.is_system_file(str(tmp_path / "sys" / "h.h"))
    assert not pp.is_system_file(str(tmp_path / "q.h"))


def test_line_markers_like_gcc(tmp_path) -> None:
    """The markers for entering and leaving a system header carry gcc's
    flags, and the main file's lines stay where they were."""
    path = tmp_path / "m.c"
    path.write_text("#include <stddef.h>\n#include <stdio.h>\n\n\nint x;\n")
    code, out = run_lcc(str(path), "x86_64", [])
    assert code == 0
    assert re.search(r'^# 1 "/usr/include/stdio.h" 1 3 4$', out, re.M)
    assert re.search(rf'^# 3 "{re.escape(str(path))}" 2$', out, re.M)
    lines = out.split("\n")
    # `int x;` is on line 5, three lines after the "# 3" marker.
    idx = max(i for i, text in enumerate(lines) if text.startswith("# 3 "))
    assert lines[idx + 3] == "int x;"


def test_pragma_tokens(tmp_path) -> None:
    from lcc.preprocess import Preprocessor
    from lcc.diagnostics import Diagnostics
    from lcc.tokens import PRAGMA

    path = tmp_path / "p.c"
    path.write_text('#pragma pack(push, 1)\n_Pragma("weak foo")\n#pragma once\nint x;\n')
    opts = driver.parse_args([str(path)])
    toks = Preprocessor(opts, Diagnostics()).run(str(path))
    pragmas = [t.text for t in toks if t.kind is PRAGMA]
    assert pragmas == ["pack(push, 1)", "weak foo"]


def test_deep_include_recursion_is_an_error(tmp_path, capsys) -> None:
    path = tmp_path / "self.c"
    path.write_text('#include "self.c"\n')
    assert driver.main(["-E", str(path), "-o", str(tmp_path / "o.i")]) == 1
    assert "#include nested depth" in capsys.readouterr().err


def test_stdin(tmp_path, monkeypatch, capsys) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("#define A 42\nA\n"))
    assert driver.main(["-E", "-P", "-"]) == 0
    assert capsys.readouterr().out.split() == ["42"]
