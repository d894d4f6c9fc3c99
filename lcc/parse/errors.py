"""gcc-style syntax error messages from Lark's UnexpectedToken.

gcc names what it expected and the token it found instead:
`expected ';' before '}' token`, `expected expression before ')' token`,
`expected identifier or '(' before numeric constant`. Lark tells us the set
of terminals the LALR state accepts; we pick the message gcc would most
likely give from that set.
"""
from __future__ import annotations

from typing import Any, Set

from lcc.diagnostics import CompileError
from lcc.parse.lexer import ParseContext

# Terminals that start an expression: when the state wants one, gcc says
# "expected expression".
_EXPR_START = {"IDENTIFIER", "INT_CONST", "FLOAT_CONST", "CHAR_CONST", "STRING_LIT"}


def describe(tok: Any) -> str:
    """How gcc names the token it stopped at."""
    if tok is None or getattr(tok, "type", "$END") == "$END":
        return "at end of input"
    t = tok.type
    v = tok.value
    if t == "INT_CONST" or t == "FLOAT_CONST":
        return "before numeric constant"
    if t == "CHAR_CONST":
        return "before character constant"
    if t == "STRING_LIT":
        return "before string constant"
    if t in ("IDENTIFIER", "TYPE_NAME") or v[:1].isalpha() or v[:1] == "_":
        return f"before '{v}'"
    if t == "PRAGMA":
        return "before '#pragma'"
    return f"before '{v}' token"


def _spelling(name: str, terminals: Any) -> str:
    for t in terminals:
        if t.name == name and t.pattern.type == "str":
            return t.pattern.value
    return name


def syntax_error(e: Any, ctx: ParseContext) -> CompileError:
    tok = getattr(e, "token", None)
    expected: Set[str] = set(getattr(e, "expected", set()) or set())
    at_end = tok is None or getattr(tok, "type", "") == "$END"
    loc = getattr(tok, "loc", None)
    if at_end:
        loc = ctx.last.loc if ctx.last is not None else None
    where = describe(None if at_end else tok)
    terms = getattr(getattr(e, "interactive_parser", None), "parser_state", None)
    terminals = []
    if terms is not None:
        terminals = terms.parse_conf.parse_table and []
    msg = _message(expected, where)
    return CompileError(loc, msg)


def _message(expected: Set[str], where: str) -> str:
    # Lark names literal terminals after their spelling (SEMICOLON, RPAR...).
    names = {
        "SEMICOLON": ";", "RPAR": ")", "LPAR": "(", "RSQB": "]", "LSQB": "[",
        "RBRACE": "}", "LBRACE": "{", "COLON": ":", "COMMA": ",", "EQUAL": "=",
    }
    wants = {names.get(x, x) for x in expected}
    if wants & _EXPR_START and ("INT_CONST" in wants or "STRING_LIT" in wants):
        if ";" in wants and len(wants & {";", ",", ")", "}"}) and "IDENTIFIER" not in wants:
            return f"expected ';' {where}"
        return f"expected expression {where}"
    if "IDENTIFIER" in wants and "(" in wants:
        if "TYPE_NAME" in wants or "const" in wants or "CONST" in expected:
            return f"expected declaration specifiers or '...' {where}"
        return f"expected identifier or '(' {where}"
    if "IDENTIFIER" in wants:
        return f"expected identifier {where}"
    for p in (";", ")", "]", "}", ":", "(", "{", ",", "="):
        if p in wants:
            if p == "}" and ";" in wants:
                return f"expected ';' {where}"
            if p == "," and ")" in wants:
                return f"expected ')' {where}"
            return f"expected '{p}' {where}"
    if "TYPE_NAME" in wants or "INT" in expected:
        return f"expected specifier-qualifier-list {where}"
    return f"expected ';' {where}"
