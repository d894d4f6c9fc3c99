"""Directive lines and #if expressions, parsed by grammar/preproc.lark.

The Lark parser (LALR, built once per process) reads pp-tokens through
`_PPLexer`, which names each token's terminal. A directive parses to a small
tuple, e.g. ("define_function", name_token, params, variadic, body_tokens);
an #if expression is evaluated during the parse by an inline transformer
(no tree), with C's rules for intmax_t/uintmax_t (C11 6.10.1p4).
"""
from __future__ import annotations

from typing import Any, Iterator, List, Optional, Tuple

from lark import Lark, Token as LarkToken, Transformer
from lark.exceptions import LarkError, VisitError
from lark.lexer import Lexer

from lcc.diagnostics import CompileError, Loc
from lcc.resources import grammar_path
from lcc.tokens import CHAR, IDENT, NUMBER, STRING, Token

DIRECTIVE_TERMINALS = {
    "define": "DEFINE", "undef": "UNDEF", "include": "INCLUDE",
    "include_next": "INCLUDE_NEXT", "import": "IMPORT", "if": "IF", "ifdef": "IFDEF",
    "ifndef": "IFNDEF", "elif": "ELIF", "elifdef": "ELIFDEF", "elifndef": "ELIFNDEF",
    "else": "ELSE", "endif": "ENDIF", "line": "LINE",
    "error": "ERROR", "warning": "WARNING", "pragma": "PRAGMA", "ident": "IDENTDIR",
    "sccs": "SCCS", "assert": "ASSERT", "unassert": "UNASSERT",
}

# Directives whose operand starts with a macro name.
_NAME_FIRST = ("DEFINE", "UNDEF", "IFDEF", "IFNDEF", "ELIFDEF", "ELIFNDEF")

_EXPR_PUNCT = {
    "(": "LPAREN", ")": "RPAREN", ",": "COMMA", "?": "QUESTION", ":": "COLON",
    "||": "OROR", "&&": "ANDAND", "|": "BAR", "^": "CARET", "&": "AMP", "==": "EQEQ",
    "!=": "NOTEQ", "<": "LT", ">": "GT", "<=": "LE", ">=": "GE", "<<": "SHL", ">>": "SHR",
    "+": "PLUS", "-": "MINUS", "*": "STAR", "/": "SLASH", "%": "PERCENT", "~": "TILDE",
    "!": "BANG",
}


def _lark_token(kind: str, tok: Token) -> LarkToken:
    lt = LarkToken(kind, tok.text)
    lt.value = tok  # the pp-token itself, for its location and kind
    return lt


def _rest(toks: List[Token], start: int) -> LarkToken:
    lt = LarkToken("REST", "")
    lt.value = toks[start:]
    return lt


class _Input:
    """What the lexer reads: a directive line or an #if operand."""

    __slots__ = ("mode", "tokens")

    def __init__(self, mode: str, tokens: List[Token]) -> None:
        self.mode = mode
        self.tokens = tokens


class _PPLexer(Lexer):
    """Names the terminals of already-lexed pp-tokens."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any, *unused: Any) -> Iterator[LarkToken]:
        # Lark's custom-lexer wrapper hands over the parse() argument itself.
        inp: _Input = data
        if inp.mode == "expr":
            return self._lex_expr(inp.tokens)
        return self._lex_directive(inp.tokens)

    @staticmethod
    def _lex_expr(toks: List[Token]) -> Iterator[LarkToken]:
        for t in toks:
            kind = t.kind
            if kind is NUMBER:
                yield _lark_token("NUMBER", t)
            elif kind is CHAR:
                yield _lark_token("CHARCONST", t)
            elif kind is IDENT:
                yield _lark_token("IDENT", t)
            else:
                term = _EXPR_PUNCT.get(t.text)
                if term is None:
                    raise CompileError(t.loc, f"token \"{t.text}\" is not valid in "
                                              "preprocessor expressions")
                yield _lark_token(term, t)

    @staticmethod
    def _lex_directive(toks: List[Token]) -> Iterator[LarkToken]:
        n = len(toks)
        yield _lark_token("HASH", toks[0])
        if n == 1:
            return
        t1 = toks[1]
        if t1.kind is NUMBER:
            yield _lark_token("NUMBER", t1)
            if n > 2:
                yield _rest(toks, 2)
            return
        term = DIRECTIVE_TERMINALS.get(t1.text) if t1.kind is IDENT else None
        if term is None:
            if t1.kind is IDENT:
                yield _lark_token("IDENT", t1)
                if n > 2:
                    yield _rest(toks, 2)
            else:
                yield _rest(toks, 1)
            return
        yield _lark_token(term, t1)
        i = 2
        if term in _NAME_FIRST and i < n and toks[i].kind is IDENT:
            yield _lark_token("IDENT", toks[i])
            i += 1
            if term == "DEFINE" and i < n and toks[i].text == "(" and not toks[i].space:
                yield _lark_token("FLPAREN", toks[i])
                i += 1
                while i < n:
                    t = toks[i]
                    i += 1
                    if t.kind is IDENT:
                        yield _lark_token("IDENT", t)
                    elif t.text == ",":
                        yield _lark_token("COMMA", t)
                    elif t.text == "...":
                        yield _lark_token("ELLIPSIS", t)
                    elif t.text == ")":
                        yield _lark_token("RPAREN", t)
                        break
                    else:
                        yield _lark_token("OTHERTOK", t)
                        break
        if i < n:
            yield _rest(toks, i)


def _val(tok: Any) -> Any:
    return tok.value


class _DirectiveBuilder(Transformer):
    """Turns a directive's parse into a tuple (kind, ...)."""

    def null_directive(self, c: list) -> tuple:
        return ("null",)

    def define_object(self, c: list) -> tuple:
        body = c[3].value if len(c) > 3 else []
        return ("define", c[2].value, None, False, body)

    def define_function(self, c: list) -> tuple:
        params, variadic = c[4]
        body = c[6].value if len(c) > 6 else []
        return ("define", c[2].value, params, variadic, body)

    def no_params(self, c: list) -> tuple:
        return ([], False)

    def fixed_params(self, c: list) -> tuple:
        return (c[0], False)

    def only_variadic(self, c: list) -> tuple:
        return (["__VA_ARGS__"], True)

    def variadic_params(self, c: list) -> tuple:
        return (c[0] + ["__VA_ARGS__"], True)

    def gnu_variadic_params(self, c: list) -> tuple:
        # `args...` names the variable arguments `args`.
        return (c[0], True)

    def first_param(self, c: list) -> list:
        return [c[0].value.text]

    def more_params(self, c: list) -> list:
        return c[0] + [c[2].value.text]

    def _simple(self, kind: str, c: list) -> tuple:
        rest = c[-1].value if len(c) > 2 and c[-1].type == "REST" else []
        return (kind, c[1].value, rest)

    def undef(self, c: list) -> tuple:
        return ("undef", c[1].value, c[2].value, c[3].value if len(c) > 3 else [])

    def include(self, c: list) -> tuple:
        return self._simple("include", c)

    def include_next(self, c: list) -> tuple:
        return self._simple("include_next", c)

    def import_(self, c: list) -> tuple:
        return self._simple("import", c)

    def if_(self, c: list) -> tuple:
        return self._simple("if", c)

    def elif_(self, c: list) -> tuple:
        return self._simple("elif", c)

    def _ifdef(self, kind: str, c: list) -> tuple:
        name = None
        extra: List[Token] = []
        for x in c[2:]:
            if x.type == "IDENT":
                name = x.value
            else:
                extra = x.value
        return (kind, c[1].value, name, extra)

    def ifdef(self, c: list) -> tuple:
        return self._ifdef("ifdef", c)

    def ifndef(self, c: list) -> tuple:
        return self._ifdef("ifndef", c)

    def elifdef(self, c: list) -> tuple:
        return self._ifdef("elifdef", c)

    def elifndef(self, c: list) -> tuple:
        return self._ifdef("elifndef", c)

    def else_(self, c: list) -> tuple:
        return self._simple("else", c)

    def endif(self, c: list) -> tuple:
        return self._simple("endif", c)

    def line(self, c: list) -> tuple:
        return self._simple("line", c)

    def linemarker(self, c: list) -> tuple:
        rest = c[2].value if len(c) > 2 else []
        return ("linemarker", c[1].value, [c[1].value] + list(rest))

    def error(self, c: list) -> tuple:
        return self._simple("error", c)

    def warning(self, c: list) -> tuple:
        return self._simple("warning", c)

    def pragma(self, c: list) -> tuple:
        return self._simple("pragma", c)

    def ident(self, c: list) -> tuple:
        return self._simple("ident", c)

    def assert_(self, c: list) -> tuple:
        return self._simple("assert", c)

    def unknown(self, c: list) -> tuple:
        v = c[1].value
        first = v if isinstance(v, Token) else v[0]
        return ("unknown", first)


_MASK = (1 << 64) - 1


def _wrap(v: int, unsigned: bool) -> int:
    v &= _MASK
    if not unsigned and v >= 1 << 63:
        v -= 1 << 64
    return v


# An #if value: (value, unsigned, error message of an evaluated division by
# zero or None). The error travels with the value so that `0 && 1/0` is
# fine, as C requires (the unevaluated operand is not an error).
Value = Tuple[int, bool, Optional[Tuple[Loc, str]]]


def parse_pp_number(tok: Token) -> Tuple[int, bool]:
    """The value of an integer pp-number in #if, and whether it is unsigned."""
    text = tok.text
    low = text.lower()
    body = low.rstrip("ul")
    suffix = low[len(body):]
    if suffix not in ("", "u", "l", "ul", "lu", "ll", "ull", "llu") or \
            "lul" in suffix:
        if "." in text or ("e" in body and not body.startswith("0x")) or "p" in body:
            raise CompileError(tok.loc, "floating constant in preprocessor expression")
        raise CompileError(tok.loc, f"invalid suffix \"{text[len(body):]}\" on integer constant")
    try:
        if body.startswith("0x"):
            v = int(body[2:], 16)
        elif body.startswith("0b"):
            v = int(body[2:], 2)
        elif body.startswith("0") and len(body) > 1:
            v = int(body[1:], 8)
        else:
            v = int(body, 10)
    except ValueError:
        if "." in text or "e" in body or "p" in body:
            raise CompileError(tok.loc, "floating constant in preprocessor expression")
        raise CompileError(tok.loc, f"invalid integer constant \"{text}\" in #if")
    unsigned = "u" in suffix
    if v > _MASK:
        raise CompileError(tok.loc, "integer constant is too large for its type")
    if v >= 1 << 63:
        # Too big for intmax_t: gcc treats it as unsigned (with a warning).
        unsigned = True
    return v, unsigned


_ESCAPES = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "e": 27,
            "\\": 92, "'": 39, '"': 34, "?": 63}


def char_value(tok: Token, char_signed: bool) -> int:
    """The value of a character constant in #if (C11 6.4.4.4)."""
    text = tok.text
    q = text.index("'")
    prefix = text[:q]
    body = text[q + 1:-1]
    chars: List[int] = []
    # The largest value an escape may give: the width of the character type.
    limit = {"": 0xFF, "u8": 0xFF, "u": 0xFFFF}.get(prefix, 0xFFFFFFFF)
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            chars.append(ord(c))
            i += 1
            continue
        i += 1
        e = body[i] if i < len(body) else ""
        if e in _ESCAPES:
            chars.append(_ESCAPES[e])
            i += 1
        elif e == "x":
            j = i + 1
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                raise CompileError(tok.loc, "\\x used with no following hex digits")
            v = int(body[i + 1:j], 16)
            if v > limit:
                raise CompileError(tok.loc, "hex escape sequence out of range")
            chars.append(v)
            i = j
        elif e in "01234567":
            j = i
            while j < len(body) and j < i + 3 and body[j] in "01234567":
                j += 1
            v = int(body[i:j], 8)
            if v > limit:
                raise CompileError(tok.loc, "octal escape sequence out of range")
            chars.append(v)
            i = j
        elif e in "uU":
            n = 4 if e == "u" else 8
            chars.append(int(body[i + 1:i + 1 + n], 16))
            i += 1 + n
        else:
            chars.append(ord(e) if e else 0)
            i += 1
    if not chars:
        raise CompileError(tok.loc, "empty character constant")
    if prefix:
        v = chars[-1]
        if prefix == "u":
            return v & 0xFFFF
        return v & 0xFFFFFFFF if prefix == "U" or not char_signed else v
    if len(chars) == 1:
        v = chars[0] & 0xFF
        return v - 256 if char_signed and v >= 128 else v
    # Multi-character constants: gcc packs them into an int.
    v = 0
    for ch in chars:
        v = ((v << 8) | (ch & 0xFF)) & 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


class _Evaluator(Transformer):
    """Evaluates an #if expression bottom-up during the LALR parse."""

    def __init__(self) -> None:
        super().__init__()
        self.char_signed = True

    def if_expr(self, c: list) -> Value:
        return c[0]

    def number(self, c: list) -> Value:
        v, u = parse_pp_number(c[0].value)
        return (v, u, None)

    def charconst(self, c: list) -> Value:
        return (char_value(c[0].value, self.char_signed), False, None)

    def identifier(self, c: list) -> Value:
        # Identifiers left after macro expansion are 0 (C11 6.10.1p4).
        return (0, False, None)

    def parens(self, c: list) -> Value:
        return c[1]

    def comma_op(self, c: list) -> Value:
        return c[2]

    def conditional(self, c: list) -> Value:
        cond, a, b = c[0], c[2], c[4]
        unsigned = a[1] or b[1]
        chosen = a if cond[0] else b
        return (_wrap(chosen[0], unsigned), unsigned, cond[2] or chosen[2])

    def logical_or(self, c: list) -> Value:
        a, b = c[0], c[2]
        if a[0]:
            return (1, False, a[2])
        return (1 if b[0] else 0, False, a[2] or b[2])

    def logical_and(self, c: list) -> Value:
        a, b = c[0], c[2]
        if not a[0]:
            return (0, False, a[2])
        return (1 if b[0] else 0, False, a[2] or b[2])

    def unop(self, c: list) -> Value:
        op = c[0].value.text
        v, u, err = c[1]
        if op == "-":
            return (_wrap(-v, u), u, err)
        if op == "~":
            return (_wrap(~v, u), u, err)
        if op == "!":
            return (0 if v else 1, False, err)
        return (v, u, err)

    def binop(self, c: list) -> Value:
        (a, au, aerr), optok, (b, bu, berr) = c
        op = optok.value.text
        err = aerr or berr
        if op in ("<<", ">>"):
            # The result has the left operand's type; a negative count
            # shifts the other way (as gcc), a huge one leaves 0 or -1.
            u = au
            if bu:
                b &= _MASK
            n = b if op == "<<" else -b
            if n >= 0:
                r = a << n if n < 64 else 0
            else:
                n = -n
                r = a >> n if n < 64 else (-1 if a < 0 else 0)
            return (_wrap(r, u), u, err)
        u = au or bu
        if u:
            a &= _MASK
            b &= _MASK
        if op in ("==", "!=", "<", ">", "<=", ">="):
            r = {"==": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b,
                 ">=": a >= b}[op]
            return (1 if r else 0, False, err)
        if op == "+":
            r = a + b
        elif op == "-":
            r = a - b
        elif op == "*":
            r = a * b
        elif op in ("/", "%"):
            if b == 0:
                return (0, u, err or (optok.value.loc, "division by zero in #if"))
            q = abs(a) // abs(b)
            if (a < 0) != (b < 0):
                q = -q
            r = q if op == "/" else a - q * b
        elif op == "&":
            r = a & b
        elif op == "|":
            r = a | b
        else:
            r = a ^ b
        return (_wrap(r, u), u, err)


class _Callbacks(_DirectiveBuilder, _Evaluator):
    """Both sets of inline callbacks, for the one parser with two start
    symbols (their rule names do not overlap)."""


_CALLBACKS = _Callbacks()
_PARSER: Optional[Lark] = None


def _parser() -> Lark:
    """The LALR parser, built once per process; cache=True keeps Lark's
    grammar analysis on disk, which saves most of the start-up time."""
    global _PARSER
    if _PARSER is None:
        with open(grammar_path("preproc.lark"), encoding="utf-8") as f:
            text = f.read()
        _PARSER = Lark(text, parser="lalr", lexer=_PPLexer, start=["directive", "if_expr"],
                       transformer=_CALLBACKS, cache=True)
    return _PARSER


def parse_directive(toks: List[Token]) -> tuple:
    """Parse one directive line (toks[0] is the `#`)."""
    parser = _parser()
    try:
        return parser.parse(_Input("directive", toks),  # type: ignore[arg-type,return-value]
                            start="directive")
    except VisitError as e:
        if isinstance(e.orig_exc, CompileError):
            raise e.orig_exc
        raise
    except LarkError as e:
        return ("bad", toks, _error_token(e, toks))


def _error_token(e: LarkError, toks: List[Token]) -> Token:
    tok = getattr(e, "token", None)
    v = getattr(tok, "value", None)
    if isinstance(v, Token):
        return v
    if isinstance(v, list) and v:
        return v[0]
    return toks[-1]


def _syntax_message(pt: Token) -> str:
    """gcc's wording for a token that does not fit an #if expression."""
    if pt.kind is IDENT or pt.kind is NUMBER:
        return f"missing binary operator before token \"{pt.text}\""
    if pt.kind is STRING:
        return f"token \"{pt.text}\" is not valid in preprocessor expressions"
    if pt.text in (")", ","):
        return f"expected expression before '{pt.text}' token"
    return f"operator '{pt.text}' has no right operand"


def evaluate(toks: List[Token], loc: Loc, char_signed: bool) -> bool:
    """Evaluate the macro-expanded operand of #if or #elif."""
    if not toks:
        raise CompileError(loc, "#if with no expression")
    parser = _parser()
    _CALLBACKS.char_signed = char_signed
    try:
        result: Value = parser.parse(_Input("expr", toks),  # type: ignore[arg-type,assignment]
                                     start="if_expr")
        v, _u, err = result
    except VisitError as e:
        if isinstance(e.orig_exc, CompileError):
            raise e.orig_exc
        raise
    except LarkError as e:
        tok = getattr(e, "token", None)
        pt = getattr(tok, "value", None)
        if isinstance(pt, Token):
            raise CompileError(pt.loc, _syntax_message(pt))
        raise CompileError(loc, f"operator '{toks[-1].text}' has no right operand")
    if err is not None:
        raise CompileError(err[0], err[1])
    return v != 0
