"""Semantic analysis on small programs, with gcc as the oracle: every VALID
program is one `gcc -fsyntax-only -w` accepts and lcc must accept; every
INVALID one is rejected by `gcc -fsyntax-only` (default options, so these are
hard errors, not pedantic ones) and lcc must reject it with exit status 1 and
a located error that says what gcc says (the message fragment given)."""
from __future__ import annotations

import contextlib
import io
import shutil
import subprocess

import pytest

from lcc import driver

try:
    from lcc import parse as _parse  # noqa: F401
    HAVE_PARSER = hasattr(_parse, "parse")
except ImportError:  # pragma: no cover
    HAVE_PARSER = False

pytestmark = pytest.mark.skipif(not HAVE_PARSER, reason="lcc.parse is not built yet")

VALID = {
    "kr_definition": "int f(a, b) int a; char *b; { return a + *b; }\n"
                     "int f(int, char *);\n",
    "composite_array": "extern int a[]; int a[10]; _Static_assert(sizeof a == 40, \"\");\n",
    "composite_function": "int f(); int f(int x) { return x; } int g(void) { return f(1); }\n",
    "tentative": "int x; int x; int x = 3; static int y; static int y;\n",
    "typedef_redef": "typedef int T; typedef int T; T v;\n",
    "typedef_as_var": "typedef int T; void f(void) { int T = 3; T++; }\n",
    "brace_elision": "struct P { int a[2]; int b; } p[] = { 1, 2, 3, 4, 5, 6 };\n"
                     "_Static_assert(sizeof p == 24, \"\");\n",
    "designators": "struct S { int a, b[3]; struct { int x, y; } in; } s = "
                   "{ .b[1] = 2, .in.y = 3, 9, .a = 1 };\n"
                   "int arr[] = { [4] = 1, [1 ... 2] = 7 };\n"
                   "_Static_assert(sizeof arr == 20, \"\");\n",
    "string_init": "char s[] = \"abc\"; char t[3] = \"abc\"; char u[] = { \"xy\" };\n"
                   "_Static_assert(sizeof s == 4 && sizeof u == 3, \"\");\n"
                   "int w[] = L\"ab\"; _Static_assert(sizeof w == 12, \"\");\n",
    "union_init": "union U { int i; double d; } u = { 3 }, v = { .d = 2.5 };\n",
    "address_constants": "int g[10]; struct S { int a, b; } s;\n"
                         "int *p = &g[3] + 2; int *q = &s.b; char *c = \"xyz\" + 1;\n"
                         "long off = (long)&((struct S *)0)->b;\n"
                         "void (*fp)(void); int *r = (int *)0 + 4;\n",
    "offsetof": "struct S { char c; struct { int x[4]; } in; };\n"
                "_Static_assert(__builtin_offsetof(struct S, in.x[2]) == 12, \"\");\n",
    "generic": "int f(void) { return _Generic(1.0f, float: 1, default: 2) + "
               "_Generic((const int)1, int: 3); }\n",
    "stmt_expr": "int f(int x) { return ({ int y = x * 2; y + 1; }); }\n",
    "label_values": "void f(int i) { static void *t[] = { &&a, &&b }; goto *t[i]; a: ; b: ; }\n",
    "case_range": "int f(int x) { switch (x) { case 1 ... 5: return 1; case 6: return 2; }"
                  " return 0; }\n",
    "implicit_decl": "int f(void) { return g(3); }\n",
    "int_ptr_conversion": "int *p = 1; int f(int *q) { int i = q; return i; }\n",
    "vla": "int f(int n) { int a[n][n + 1]; return sizeof a + sizeof a[0]; }\n",
    "builtins": "int f(unsigned x, double d) { return __builtin_clz(x) + __builtin_popcount(x)"
                " + __builtin_isnan(d) + __builtin_expect(x, 1) + (int)__builtin_fabs(d);}\n"
                "void *g(unsigned long n) { return __builtin_alloca(n); }\n"
                "_Static_assert(__builtin_constant_p(3) && __builtin_types_compatible_p(int, "
                "signed), \"\");\n",
    "complex": "double f(_Complex double z) { return __real__ z + __imag__ z; }\n",
    "anon_members": "struct S { int a; union { int b; float c; }; struct { char d; }; } s;\n"
                    "int f(void) { return s.b + s.d; }\n",
    "enum_values": "enum E { A = -1, B = 0x7fffffff }; enum F { C = 0xffffffffu };\n"
                   "_Static_assert(sizeof(enum F) == 4 && (enum F)-1 > 0, \"\");\n",
    "bitfields_long": "struct S { long long x : 40; unsigned __int128 y : 100; } s;\n"
                      "_Static_assert(sizeof s == 32, \"\");\n",
    "pragma_pack": "#pragma pack(push, 1)\nstruct S { char c; int i; };\n#pragma pack(pop)\n"
                   "_Static_assert(sizeof(struct S) == 5, \"\");\n",
    "void_ptr_arith": "void *f(void *p) { return p + 1; }\n",
    "const_fold": "int a[(int)2.5 + sizeof(int)]; _Static_assert(sizeof a == 24, \"\");\n"
                  "enum { N = 1 << 4, M = N * 2 + '\\n' };\n",
}

INVALID = {
    "conflicting_types": ("int f(int); double f(int);", "conflicting types for 'f'"),
    "redefinition": ("int x = 1; int x = 2;", "redefinition of 'x'"),
    "undeclared": ("int f(void) { return y; }", "'y' undeclared"),
    "bitand_double": ("double f(double a) { return a & 1; }", "invalid operands to binary &"),
    "not_constant": ("int g(void); int x = g();", "initializer element is not constant"),
    "goto_missing": ("void f(void) { goto nowhere; }", "label 'nowhere' used but not defined"),
    "break_outside": ("void f(void) { break; }", "break statement not within loop or switch"),
    "duplicate_case": ("void f(int x) { switch (x) { case 1: case 1: ; } }",
                       "duplicate case value"),
    "too_few_args": ("int g(int, int); int f(void) { return g(1); }",
                     "too few arguments to function 'g'"),
    "too_many_args": ("int g(int); int f(void) { return g(1, 2); }",
                      "too many arguments to function 'g'"),
    "no_member": ("struct S { int a; } s; int f(void) { return s.b; }", "has no member named 'b'"),
    "assign_const": ("void f(void) { const int c = 1; c = 2; }",
                     "assignment of read-only variable 'c'"),
    "not_lvalue": ("void f(int a) { (a + 1) = 2; }", "lvalue required"),
    "deref_int": ("int f(int a) { return *a; }", "invalid type argument of unary '*'"),
    "incomplete_var": ("struct S; struct S s2; void f(void) { struct S s; }",
                       "storage size of 's' isn't known"),
    "struct_redef": ("struct S { int a; }; struct S { int a; };", "redefinition of 'struct S'"),
    "static_assert": ("_Static_assert(1 == 2, \"boom\");", "static assertion failed: \"boom\""),
    "neg_array": ("int a[-1];", "size of array is negative"),
    "bitfield_width": ("struct S { int a : 33; };", "width of 'a' exceeds its type"),
    "void_var": ("void f(void) { void v; }", "declared void"),
    "case_outside": ("void f(int x) { case 1: ; }", "case label not within a switch statement"),
    "call_non_function": ("int x; int f(void) { return x(); }",
                          "called object is not a function or function pointer"),
    "struct_to_int": ("struct S { int a; } s; int f(void) { int i = s; return i; }",
                      "incompatible types when initializing type 'int'"),
    "switch_double": ("void f(double d) { switch (d) { } }", "switch quantity not an integer"),
    "static_after_extern": ("int f(void); static int f(void) { return 0; }",
                            "static declaration of 'f' follows non-static declaration"),
    "array_of_void": ("void a[3];", "declaration of array of voids"),
    "func_returning_array": ("typedef int A[3]; A f(void);", "function returning an array"),
    "continue_outside": ("void f(void) { continue; }", "continue statement not within a loop"),
    "sizeof_incomplete": ("struct S; int n = sizeof(struct S);",
                          "invalid application of 'sizeof' to incomplete type"),
    "generic_nomatch": ("int x = _Generic(1.0, int: 1);", "'_Generic' selector of type 'double'"),
    "ptr_plus_ptr": ("int *f(int *a, int *b) { return a + b; }", "invalid operands to binary +"),
    "cast_struct": ("struct S { int a; } s; int f(void) { return (int)s; }",
                    "aggregate value used where an integer was expected"),
}


def _lcc(src: str, tmp_path, extra=()) -> tuple:
    path = tmp_path / "t.c"
    path.write_text(src)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = driver.main(["-fsyntax-only", *extra, str(path)])
    return code, err.getvalue()


def _gcc_ok(src: str, tmp_path) -> bool:
    path = tmp_path / "g.c"
    path.write_text(src)
    return subprocess.run(["gcc", "-fsyntax-only", "-w", str(path)],
                          capture_output=True).returncode == 0


needs_gcc = pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")


@needs_gcc
@pytest.mark.parametrize("name", sorted(VALID))
def test_valid(name, tmp_path):
    src = VALID[name]
    assert _gcc_ok(src, tmp_path), "oracle: gcc must accept " + name
    code, err = _lcc(src, tmp_path, ["-w"])
    assert code == 0, err


@needs_gcc
@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid(name, tmp_path):
    src, fragment = INVALID[name]
    src += "\n"
    assert not _gcc_ok(src, tmp_path), "oracle: gcc must reject " + name
    code, err = _lcc(src, tmp_path)
    assert code == 1, err
    assert ": error: " in err and fragment in err, err
    assert "^" in err   # the caret line under the source line
