"""gcc-style syntax error messages for a token the LALR table rejects.

gcc names what it expected and the token it found instead:
`expected ';' before '}' token`, `expected expression before ')' token`,
`expected identifier or '(' before numeric constant`. The table tells us
the terminals the parser state accepts; we pick the message gcc most likely
gives from that set.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Set

from lcc.diagnostics import CompileError
from lcc.parse.lexer import ParseContext, Tok

# Terminals that only an expression can start with.
_EXPR_ONLY = {"INT_CONST", "FLOAT_CONST", "CHAR_CONST", "STRING_LIT", "sizeof", "!", "~"}
_DECL_START = {"TYPE_NAME", "int", "const", "struct", "typedef"}
_DECL_WORDS = {"int", "char", "short", "long", "float", "double", "void", "signed",
               "unsigned", "_Bool", "_Complex", "struct", "union", "enum", "typedef",
               "static", "extern", "auto", "register", "const", "volatile", "restrict",
               "_Atomic", "_Thread_local", "inline", "_Noreturn", "_Alignas", "typeof",
               "__int128", "_Static_assert"}


def describe(tok: Any) -> str:
    """How gcc names the token it stopped at."""
    if tok is None:
        return "at end of input"
    t = tok.type
    v = tok.value
    if t == "INT_CONST" or t == "FLOAT_CONST":
        return "before numeric constant"
    if t == "CHAR_CONST":
        return "before character constant"
    if t == "STRING_LIT":
        return "before string constant"
    if t == "PRAGMA":
        return "before '#pragma'"
    if t in ("IDENTIFIER", "TYPE_NAME") or v[:1].isalpha() or v[:1] == "_":
        return f"before '{v}'"
    return f"before '{v}' token"


def syntax_error(e: Any, ctx: ParseContext, literals: Dict[str, str]) -> CompileError:
    tok = e.tok
    loc = tok.loc if tok is not None else (ctx.last.loc if ctx.last is not None else None)
    spelled = {name: text for text, name in literals.items()}
    wants = {spelled.get(x, x) for x in e.expected if x.isupper() or x.startswith("__ANON")}
    wants |= {spelled[x] for x in e.expected if x in spelled}
    special = _special(tok, wants, ctx.values)
    if special is not None:
        return CompileError(loc, special)
    return CompileError(loc, message(wants, describe(tok), ctx.in_declaration(
        tok is not None and tok is ctx.closed_by)))


def _special(tok: Any, wants: Set[str], values: List[Any]) -> Optional[str]:
    """gcc's messages that depend on what came before the bad token."""
    if tok is None:
        return None
    prev = values[-1] if values else None
    prev_text = prev.value if type(prev) is Tok else None
    if tok.value == "else" and tok.type != "IDENTIFIER":
        return "'else' without a previous 'if'"
    if tok.value == "}" and wants == {"IDENTIFIER"} and prev_text == "{":
        return "empty enum is invalid"
    if prev_text == ":" and tok.value == "}":
        return "label at end of compound statement"
    if prev_text == ":" and (tok.type == "TYPE_NAME" or tok.value in _DECL_WORDS):
        return "a label can only be part of a statement and a declaration is not a statement"
    return None


def message(wants: Set[str], where: str, in_decl: bool = True) -> str:
    """The message for the set of acceptable spellings/terminal names."""
    if wants == {"STRING_LIT"}:
        return f"expected string literal {where}"
    if wants & _EXPR_ONLY:
        if "IDENTIFIER" in wants and wants & _DECL_START and "}" in wants:
            # Start of a block item: gcc complains about the missing `;` or
            # `}` the token should have been.
            return f"expected declaration or statement {where}"
        return f"expected expression {where}"
    if "..." in wants and "TYPE_NAME" in wants:
        return f"expected declaration specifiers or '...' {where}"
    if "IDENTIFIER" in wants and "(" in wants:
        return f"expected identifier or '(' {where}"
    if "IDENTIFIER" in wants and "TYPE_NAME" not in wants:
        if "*" in wants and len(wants) == 2:
            return f"expected identifier or '*' {where}"
        return f"expected identifier {where}"
    if "..." in wants and "TYPE_NAME" in wants:
        return f"expected declaration specifiers or '...' {where}"
    if ";" in wants and "," in wants and "=" in wants:
        return f"expected '=', ',', ';', 'asm' or '__attribute__' {where}"
    if ";" in wants and "," in wants:
        return f"expected ',' or ';' {where}" if in_decl else f"expected ';' {where}"
    if ":" in wants and "..." in wants:
        return f"expected ':' or '...' {where}"
    if ")" in wants and "," in wants and ("+" in wants or len(wants) == 2):
        return f"expected ')' {where}"
    if ")" in wants and "," in wants:
        return f"expected ',' or ')' {where}" if "..." not in wants else f"expected ')' {where}"
    for p in (";", ")", "]", "}", ":", "(", "{", ",", "=", "while"):
        if p in wants:
            return f"expected '{p}' {where}"
    if "TYPE_NAME" in wants:
        return f"expected specifier-qualifier-list {where}"
    return f"expected ';' {where}"
