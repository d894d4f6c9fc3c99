"""The parser (grammar/c11.lark, lcc/parse): typedef names, GNU syntax,
every statement, expression and declarator form, syntax errors.

Oracle: each valid snippet is first compiled with `gcc -fsyntax-only` (it
must accept it, so the test itself is sound), then parsed by lcc; where the
typedef-name rules decide between two readings, the AST is checked for the
reading C requires (a declaration vs. an expression, which name is
declared). Invalid snippets must be rejected by gcc too, and lcc must give a
gcc-style CompileError at the offending token.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from typing import Any, List

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lcc import ast  # noqa: E402
from lcc.diagnostics import CompileError  # noqa: E402
from lcc.parse import parse, parse_tree  # noqa: E402
from lcc.preprocess.lexer import tokenize  # noqa: E402


def gcc_accepts(src: str, std: str = "gnu17") -> bool:
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write(src)
        path = f.name
    try:
        r = subprocess.run(["gcc", f"-std={std}", "-fsyntax-only", "-w", path],
                           capture_output=True, check=False)
        return r.returncode == 0
    finally:
        os.unlink(path)


def lcc_parse(src: str) -> ast.TranslationUnit:
    return parse(tokenize(src, "t.c"), None, None)


def valid(src: str, std: str = "gnu17") -> ast.TranslationUnit:
    assert gcc_accepts(src, std), "test is wrong: gcc rejects it"
    return lcc_parse(src)


def nodes(unit: ast.Node, cls: type) -> List[Any]:
    return [n for n in ast.walk(unit) if isinstance(n, cls)]


def declared(unit: ast.Node) -> List[str]:
    """Names declared by Declarations, in order."""
    out = []
    for d in nodes(unit, ast.Declaration):
        for idecl in d.declarators:
            n = idecl.declarator
            while not isinstance(n, ast.IdentDeclarator):
                n = n.inner
            out.append(n.name)
    return out


# ------------------------------------------------------------ typedef names

def test_typedef_then_use() -> None:
    u = valid("typedef int T; T x; T *p;")
    assert declared(u) == ["T", "x", "p"]


def test_star_declaration_vs_multiplication() -> None:
    u = valid("typedef int T; int a, b; void f(void) { T * x; a * b; }")
    body = nodes(u, ast.FunctionDef)[0].body.items
    assert isinstance(body[0], ast.Declaration)
    assert isinstance(body[1], ast.ExprStmt) and isinstance(body[1].expr, ast.Binary)


def test_cast_vs_call() -> None:
    u = valid("typedef int T; int g(int); int x;\n"
              "void f(void) { (T)(x); (g)(x); }")
    stmts = nodes(u, ast.FunctionDef)[0].body.items
    assert isinstance(stmts[0].expr, ast.Cast)
    assert isinstance(stmts[1].expr, ast.Call)


def test_typedef_redeclared_as_variable_in_block() -> None:
    u = valid("typedef int T; void f(void) { int T = 3; T * 2; { T; } }\nT y;")
    fn = nodes(u, ast.FunctionDef)[0]
    assert isinstance(fn.body.items[1].expr, ast.Binary)
    # Outside the block T is a type again.
    assert declared(u)[-1] == "y"


def test_typedef_name_as_declarator_after_type() -> None:
    u = valid("typedef int T; void f(void) { unsigned T; long T2; }"
              "struct s { T T; };")
    assert "T" in declared(u)
    member = nodes(u, ast.StructMember)[0]
    assert member.specs.typespecs[0].name == "T"
    assert member.declarators[0].declarator.name == "T"


def test_typedef_same_name_self() -> None:
    u = valid("typedef int T; void f(void) { T T; T = 1; }")
    items = nodes(u, ast.FunctionDef)[0].body.items
    assert isinstance(items[0], ast.Declaration)
    assert isinstance(items[1].expr, ast.Assign)


def test_parameter_hides_typedef_in_body() -> None:
    u = valid("typedef int T; int f(int T) { return T * 2; } T g;")
    ret = nodes(u, ast.Return)[0]
    assert isinstance(ret.expr, ast.Binary)
    assert declared(u)[-1] == "g"


def test_parameters_of_function_returning_function_pointer() -> None:
    u = valid("typedef int a, b; int (*f(int a))(b) { return a * 2 ? 0 : 0; } a x;")
    assert isinstance(nodes(u, ast.Binary)[0].left, ast.Ident)
    assert declared(u)[-1] == "x"


def test_prototype_parameter_does_not_leak() -> None:
    u = valid("typedef int T; void f(int T); T x;")
    assert declared(u)[-1] == "x"


def test_kr_definition() -> None:
    u = valid("typedef int T; int f(a, b) T a; char *b; { T c = a; return c * *b; }")
    fn = nodes(u, ast.FunctionDef)[0]
    assert fn.declarator.kr_names == ["a", "b"]
    assert len(fn.kr_decls) == 2


def test_typedef_in_inner_scope_ends() -> None:
    u = valid("int T; void f(void) { typedef char T; T c; } void g(void) { T = 1; }")
    assigns = nodes(u, ast.Assign)
    assert assigns and isinstance(assigns[0].target, ast.Ident)


def test_typedef_member_access_and_tag() -> None:
    u = valid("typedef struct T T; struct T { int T; }; int f(T *p) { return p->T; }")
    mem = nodes(u, ast.Member)[0]
    assert mem.name == "T" and mem.arrow


def test_typedef_in_sizeof_and_paren_expr() -> None:
    u = valid("typedef int T; int x; int a = sizeof(T), b = sizeof(x), c = sizeof x;")
    assert isinstance(nodes(u, ast.SizeofType)[0].typename, ast.TypeName)
    assert len(nodes(u, ast.SizeofExpr)) == 2


def test_enumerator_hides_typedef() -> None:
    u = valid("typedef int T; void f(void) { enum { T = 1 }; int x = T * 2; }")
    assert nodes(u, ast.Binary)[0].op == "*"


def test_multiple_typedef_declarators() -> None:
    u = valid("typedef int A, *B, C[3], (*D)(int); A a; B b; C c; D d;")
    assert declared(u)[-4:] == ["a", "b", "c", "d"]


def test_for_scope_typedef() -> None:
    valid("typedef int T; void f(void) { for (T i = 0; i < 3; i++) { T j = i; } T k; }")


def test_abstract_param_typedef_reading() -> None:
    # C11 6.7.6.3p11: in a parameter list, (T) is a function taking T.
    u = valid("typedef int T; void f(int (T));")
    p = nodes(u, ast.ParamDecl)[0]
    assert isinstance(p.declarator, ast.FuncDeclarator)


def test_statement_expression_typedef() -> None:
    valid("int f(void) { return ({ typedef int T; T x = 1; x; }); }")


# ----------------------------------------------------------- declarators

def test_declarator_nesting() -> None:
    u = valid("int *a[3]; int (*p)[3]; int *const *q; int (*fp)(int, ...);")
    d = [i.declarator for dcl in nodes(u, ast.Declaration) for i in dcl.declarators]
    assert isinstance(d[0], ast.PointerDeclarator) and isinstance(d[0].inner, ast.ArrayDeclarator)
    assert isinstance(d[1], ast.ArrayDeclarator) and isinstance(d[1].inner, ast.PointerDeclarator)
    assert d[2].quals == ["const"] and d[2].inner.quals == []
    assert isinstance(d[3], ast.FuncDeclarator) and d[3].variadic


def test_array_parameter_forms() -> None:
    u = valid("void f(int n, int a[static 3], int b[const n], int c[*], int d[]);"
              "void f(int n, int a[static 3], int b[const n], int c[n], int d[]) {}")
    arrays = nodes(u, ast.ArrayDeclarator)
    assert arrays[0].is_static and arrays[1].quals == ["const"] and arrays[2].is_star


def test_kr_empty_and_void_params() -> None:
    u = valid("int f(); int g(void);")
    f, g = [d.declarators[0].declarator for d in nodes(u, ast.Declaration)]
    assert f.params is None and f.kr_names == []
    assert len(g.params) == 1


def test_implicit_int() -> None:
    valid("main() { return 0; }\nstatic x; f(a) int a; { return a; }", std="gnu89")


# ------------------------------------------------------------- GNU syntax

GNU_SNIPPETS = [
    "int x __attribute__((aligned(8))) = 1;",
    "__attribute__((unused)) static int y;",
    "struct __attribute__((packed)) s { char c; int i; };",
    "struct s { char c; int i __attribute__((aligned(16))); } __attribute__((packed));",
    "enum e { A __attribute__((deprecated)) = 1, B };",
    "void f(void) __attribute__((noreturn)); void f(void) { for (;;); }",
    "int g(int) __asm__(\"gg\");",
    "int *__attribute__((unused)) p;",
    "int a, __attribute__((unused)) b;",
    "__extension__ typedef long long ll; __extension__ ll z = __extension__ 1LL;",
    "typeof(int) a; __typeof__(a) b; __typeof(a + 1) c;",
    "int f(void) { return ({ int t = 1; t + 1; }); }",
    "int f(__builtin_va_list ap) { return __builtin_va_arg(ap, int); }",
    "struct s { int a; struct { int b[4]; } c; };"
    "unsigned long o = __builtin_offsetof(struct s, c.b[2]);",
    "int t = __builtin_types_compatible_p(int, long);",
    "__int128 i; unsigned __int128 u; __int128_t i2; __uint128_t u2;",
    "_Complex double z; void f(void) { double r = __real__ z, i = __imag__ z; }"
    " double _Complex w = 1.0i;",
    "int f(int x) { switch (x) { case 1 ... 3: return 1; default: return 0; } }",
    "int f(void) { void *p = &&l; goto *p; l: return 0; }",
    "int f(void) { __label__ a; goto a; a: return 1; }",
    "int f(int a) { return a ?: 2; }",
    "struct e {}; int z[0];",
    "int a[10] = { [1 ... 3] = 5, [7] = 1 }; struct p { int x, y; } q = { y: 1, x: 2 };",
    "int f(void) { asm volatile (\"nop\"); return 0; }",
    "int f(int x) { int y; __asm__ __volatile__(\"mov %1, %0\" : \"=r\"(y) : \"r\"(x) : "
    "\"memory\"); return y; }",
    "int f(int x) { asm goto (\"\" : : \"r\"(x) : : out); return 0; out: return 1; }",
    "int f(int x) { int y; asm(\"\" : [o] \"=r\"(y) : [i] \"r\"(x)); return y; }",
    "asm(\".globl foo\");",
    "int f(int x) { switch (x) { case 1: x++; __attribute__((fallthrough)); case 2: "
    "return x; } return 0; }",
    "int f(void) { l: __attribute__((unused)); return 0; }",
    "__thread int tl; _Thread_local int tl2;",
    "static __inline__ int f(void) { return 0; } static __inline int g(void) { return 0; }",
    "const volatile int * __restrict__ p; __const int c = 1; __signed__ char sc;",
    "int f(void) { int x = __alignof__(int) + __alignof__ x; return x; }",
    "_Float128 q; _Float64 d; _Float32 f32; _Float32x f32x; _Float64x f64x;",
    "__auto_type v = 1;",
    "int f(void) { int g(int y) { return y; } return g(1); }",
]


@pytest.mark.parametrize("src", GNU_SNIPPETS)
def test_gnu_syntax(src: str) -> None:
    unit = valid(src)
    assert unit.decls


C11_SNIPPETS = [
    "_Static_assert(sizeof(int) == 4, \"int\");",
    "int f(void) { _Static_assert(1, \"in block\"); return 0; }",
    "struct s { _Static_assert(1, \"member\"); int a; };",
    "_Alignas(16) int a; _Alignas(double) char b; int c = _Alignof(long);",
    "_Atomic int a; _Atomic(int) b; _Atomic(int *) c;",
    "_Noreturn void f(void); inline int g(void) { return 0; }",
    "int x; int y = _Generic(x, int: 1, long: 2, default: 3);",
    "struct p { int x, y; }; struct p f(void) { return (struct p){ .y = 1, .x = 2 }; }",
    "int a[] = { 1, 2, 3, }; struct { int a[2]; int b; } s = { { 1, 2 }, 3 };",
    "int m[2][3] = { [1][2] = 5, [0] = { 1 } };",
    "const char *s = \"a\" \"b\" L\"\" \"c\"; int w = L'x' + u'y' + U'z' + 'q';",
    "double d = 1.5e3 + 0x1.8p1 + .5 + 1. + 1e-3f + 2.0L; unsigned long long u = 0xffULL"
    " + 077 + 10u + 10lu + 10llu + 0b101;",
    "struct s { unsigned a : 3, : 0, b : 5; int c : 2; };",
    "struct s { int n; double d[]; };",
    "union u { int i; struct { char c; } s; struct { short x; }; };",
    "enum e { A, B = 5, C, }; enum e v = C;",
    "void f(int n) { int vla[n]; (void)sizeof vla; }",
    "typedef void (*handler)(int); handler signal(int, handler);",
    "int (*(*fp)(int))[3];",
    "void (*signal(int sig, void (*func)(int)))(int);",
    "char *(*(**foo[][8])())[];",
    "long double ld; signed short int ssi; unsigned long long int ulli; _Bool b;",
    "static const volatile unsigned int x = 1; extern int e;"
    " void f(void) { register int *r; auto int a; }",
]


@pytest.mark.parametrize("src", C11_SNIPPETS)
def test_c11_declarations(src: str) -> None:
    unit = valid(src)
    assert unit.decls


def test_every_statement_form() -> None:
    src = """
    int g(int);
    int f(int n) {
        int i, s = 0;
        ;
        { }
        if (n) s++; else s--;
        if (n > 1) { s += 2; }
        while (n--) s++;
        do s--; while (s > 100);
        for (i = 0; i < 3; i++) continue;
        for (;;) break;
        for (int k = 0; k < 2; ++k) s ^= k;
        switch (n) { case 0: s = 1; break; case 1: { s = 2; } default: s = 3; }
        goto done;
    done:
        return g(s);
    }
    """
    u = valid(src)
    kinds = {type(n).__name__ for n in ast.walk(u)}
    for k in ("If", "While", "DoWhile", "For", "Switch", "Case", "Default", "Break",
              "Continue", "Goto", "Labeled", "Return", "Compound", "ExprStmt"):
        assert k in kinds, k


def test_every_expression_form() -> None:
    src = """
    struct s { int a; int *p; } v, *pv = &v;
    int arr[4];
    int f(int x, int y) {
        x = y, x += 1, x -= 1, x *= 2, x /= 2, x %= 3, x <<= 1, x >>= 1, x &= 7,
        x |= 8, x ^= 9;
        y = x ? y : x;
        y = x || y && x | y ^ x & y;
        y = x == y != (x < y) > (x <= y) >= (x >= y);
        y = (x << 2) + (y >> 1) - x * y / (y ? y : 1) % 7;
        y = -x + +y + ~x + !y + *&x + sizeof x + sizeof(int) + _Alignof(int);
        y = ++x + --y + x++ + y--;
        y = arr[1] + v.a + pv->a + *pv->p + f(1, 2) + (int)3.0 + (char)'a';
        y = (int){ 5 } + ((struct s){ 1, 0 }).a;
        return y;
    }
    """
    u = valid(src)
    kinds = {type(n).__name__ for n in ast.walk(u)}
    for k in ("Comma", "Assign", "Conditional", "Binary", "Unary", "Postfix", "SizeofExpr",
              "SizeofType", "AlignofType", "Cast", "Index", "Member", "Call",
              "CompoundLiteral", "IntLit", "FloatLit", "CharLit", "Ident"):
        assert k in kinds, k
    ops = {n.op for n in nodes(u, ast.Assign)}
    assert ops == {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="}


def test_precedence_and_associativity() -> None:
    u = valid("int a, b, c; void f(void) { int x = a - b - c; int y = a + b * c;"
              " int z = a = b = c; int w = a ? b : c ? a : b; }")
    inits = [d.declarators[0].init for d in nodes(u, ast.Declaration)[1:]]
    assert isinstance(inits[0].left, ast.Binary)   # (a - b) - c
    assert isinstance(inits[1].right, ast.Binary)  # a + (b * c)
    assert isinstance(inits[2].value, ast.Assign)  # a = (b = c)
    assert isinstance(inits[3].els, ast.Conditional)


def test_dangling_else() -> None:
    u = valid("void f(int a, int b) { if (a) if (b) a = 1; else a = 2; }")
    outer = nodes(u, ast.If)[0]
    assert outer.els is None and outer.then.els is not None


def test_pragma_tokens() -> None:
    from lcc.tokens import PRAGMA, Token
    toks = tokenize("struct s { int a; X int b; }; int f(void) { X return 0; } X", "t.c")
    toks = [Token(PRAGMA, "pack(1)", t.loc) if t.text == "X" else t for t in toks]
    u = parse(toks, None, None)
    assert len(nodes(u, ast.Pragma)) == 3


def test_locations() -> None:
    u = lcc_parse("int x;\nint f(void) {\n  return x + 1;\n}\n")
    ret = nodes(u, ast.Return)[0]
    assert (ret.loc.line, ret.loc.col) == (3, 3)
    assert (ret.expr.right.loc.line, ret.expr.right.loc.col) == (3, 14)


def test_dump_parse_and_ast() -> None:
    toks = tokenize("typedef int T; T f(T a) { return a; }", "t.c")
    text = parse_tree(toks, None, None).pretty()
    assert "function_definition" in text and "ds_typedef" in text
    dumped = ast.dump(parse(toks, None, None))
    assert "FunctionDef" in dumped and "TypedefName name='T'" in dumped


# ---------------------------------------------------------- syntax errors

INVALID = [
    ("int x = ;", "expected expression before ';' token"),
    ("int f(void) { return 1 }", "expected ';' before '}' token"),
    ("int 3x;", None),
    ("int f(void) { if 1) return 0; }", "expected '(' before numeric constant"),
    ("int f(void) { int a[3; }", "expected ']' before ';' token"),
    ("int x int y;", None),
    ("int x = 1 }", "expected ',' or ';' before '}' token"),
    ("int f(int a,) { return 0; }", None),
    ("int a = 09;", 'invalid digit "9" in octal constant'),
    ("int a = 1.2.3;", "too many decimal points in number"),
    ("int a = 12abc;", 'invalid suffix "abc" on integer constant'),
    ("int f(void) { return 1 @ 2; }", "stray '@' in program"),
    ("int f(void) {", "expected declaration or statement at end of input"),
    ("typedef int F(void); F f { return 0; }", None),
    ("struct S { static int a; };", "expected specifier-qualifier-list before 'static'"),
    ("enum E { A,, B };", None),
    ("int x = (static int)1;", None),
]


@pytest.mark.parametrize("src,msg", INVALID)
def test_syntax_errors(src: str, msg: Any) -> None:
    assert not gcc_accepts(src), "test is wrong: gcc accepts it"
    with pytest.raises(CompileError) as info:
        lcc_parse(src)
    err = info.value
    assert err.loc is not None and err.loc.file == "t.c"
    if msg is not None:
        assert err.message == msg


def test_error_location_is_offending_token() -> None:
    with pytest.raises(CompileError) as info:
        lcc_parse("int f(void)\n{\n  int y = 2 +;\n}\n")
    assert (info.value.loc.line, info.value.loc.col) == (3, 14)


def test_gnu_keywords_are_identifiers_in_iso_mode() -> None:
    class Opts:
        gnu = False
    src = "int typeof = 1, asm = 2;"
    assert gcc_accepts(src, std="c11")
    u = parse(tokenize(src, "t.c"), Opts(), None)
    assert declared(u) == ["typeof", "asm"]


def test_c89_restrict_is_an_identifier() -> None:
    class Opts:
        gnu = True
        std_version = 0
    src = "int restrict = 1; inline int f(void) { return restrict; }"
    assert gcc_accepts(src, std="gnu89")
    u = parse(tokenize(src, "t.c"), Opts(), None)
    assert declared(u) == ["restrict"]


def test_pedantic_diagnostics() -> None:
    from io import StringIO

    from lcc.diagnostics import Diagnostics

    class Opts:
        gnu = False
        pedantic = True
        pedantic_errors = True
        inputs = ["t.c"]
    src = "int f(int x) { switch (x) { case 1 ... 2: return x ?: 1; } return 0; };"
    diags = Diagnostics(stream=StringIO(), pedantic=2)
    parse(tokenize(src, "t.c"), Opts(), diags)
    out = diags.stream.getvalue()
    assert diags.errors == 3
    assert "range expressions in switch statements are non-standard" in out
    assert "omitting the middle term" in out
    assert "extra ';' outside of a function" in out
