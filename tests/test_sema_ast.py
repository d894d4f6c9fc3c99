"""The typed AST is regular, as docs/sema.md promises the code generator:
every expression has a type, identifiers have symbols, constants have
values, arithmetic operands have been converted to a common type, every
lvalue used for its value sits under an ImplicitCast. Checked on programs
gcc accepts (a sample of the torture suite and the Lua sources)."""
from __future__ import annotations

import glob
import io
import os
from typing import Any, List

import pytest

from lcc import ast
from lcc.diagnostics import Diagnostics
from lcc.driver import Options
from lcc.sema.types import ArrayType, FuncType
from lcc.target import get_target

try:
    from lcc import parse as parser
    HAVE_PARSER = hasattr(parser, "parse")
except ImportError:  # pragma: no cover
    HAVE_PARSER = False

pytestmark = pytest.mark.skipif(not HAVE_PARSER, reason="lcc.parse is not built yet")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TORTURE = os.path.join(ROOT, "build", "corpora", "torture")

_ARITH_OPS = ("*", "/", "%", "&", "|", "^")


def typed_unit(path: str, target: str = "x86_64") -> Any:
    from lcc import sema
    from lcc.preprocess import Preprocessor
    opts = Options()
    opts.target = get_target(target)
    opts.warnings = False
    diags = Diagnostics(io.StringIO(), warnings=False)
    toks = Preprocessor(opts, diags).run(path)
    unit = parser.parse(toks, opts, diags)
    assert not diags.errors, diags.stream.getvalue()
    sema.analyze(unit, opts, diags)
    return unit, diags


def problems(unit: Any) -> List[str]:
    """Violations of the typed-AST invariants."""
    out: List[str] = []
    # Attribute arguments are not expressions of the program (`format(printf,
    # 1, 2)`); sema reads the few it needs without typing them.
    skip = set()
    for n in ast.walk(unit):
        if isinstance(n, ast.Attribute):
            skip.update(id(k) for k in ast.walk(n))
    for n in ast.walk(unit):
        if id(n) in skip:
            continue
        where = f"{type(n).__name__} at {n.loc}"
        if isinstance(n, ast.Expr) and not isinstance(n, ast.InitList):
            if getattr(n, "type", None) is None:
                out.append("untyped " + where)
                continue
        if isinstance(n, ast.Ident) and n.symbol is None:
            out.append("no symbol " + where)
        if isinstance(n, (ast.IntLit, ast.CharLit, ast.StringLit)) and n.value is None:
            out.append("no value " + where)
        if isinstance(n, ast.Binary) and n.op in _ARITH_OPS:
            lt, rt = n.left.type, n.right.type
            if lt.is_arith and rt.is_arith and str(lt.unqual()) != str(rt.unqual()):
                out.append(f"operands of {n.op} differ ({lt} vs {rt}) " + where)
        if isinstance(n, ast.Binary):
            for side in (n.left, n.right):
                t = side.type
                if isinstance(t, (ArrayType, FuncType)):
                    out.append(f"undecayed {t} operand " + where)
        if isinstance(n, ast.Call):
            ft = n.func.type
            if not (ft.is_pointer and ft.target.is_func):
                out.append("callee is not a function pointer " + where)
    return out


def _sample(suite: str, step: int) -> List[str]:
    files = sorted(glob.glob(os.path.join(TORTURE, suite, "*.c")))
    return files[::step]


@pytest.mark.parametrize("path", _sample("execute", 40), ids=os.path.basename)
def test_typed_ast_invariants_torture(path):
    if not os.path.exists(path):
        pytest.skip("torture corpus not extracted")
    unit, _ = typed_unit(path)
    assert problems(unit) == []


def test_typed_ast_conversions_are_explicit(tmp_path):
    src = tmp_path / "c.c"
    src.write_text("long f(char c, unsigned u, double d, int *p) {\n"
                   "  int a[3];\n"
                   "  return c + u * d + p[1] + *a;\n}\n")
    unit, _ = typed_unit(str(src))
    casts = [n for n in ast.walk(unit) if isinstance(n, ast.ImplicitCast)]
    kinds = sorted({c.kind for c in casts})
    # lvalue reads, array decay, char->int promotion, unsigned/int->double,
    # and the final double->long return conversion are all explicit.
    assert {"lvalue", "array", "integral", "int-float", "float-int"} <= set(kinds), kinds
    assert problems(unit) == []
