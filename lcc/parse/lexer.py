"""Turning the preprocessor's pp-tokens into the parser's terminals.

The loop itself is in lalr.run (inlined there for speed); this module holds
its parts. Each pp-token becomes a `Tok`: keywords and
punctuators become the grammar's literal terminals, pp-numbers are
classified as INT_CONST or FLOAT_CONST (or rejected), and an identifier that
names a visible typedef becomes TYPE_NAME, but only when the LALR state the
parser is in accepts TYPE_NAME (so `T T;` and `p->T` read an identifier).

The scope table lives here too, because scopes follow the tokens: `(` and a
block's `{` open a scope, `)` and `}` close it. A scope closes when the next
token is lexed, not when the closing token is, because the parser reduces
(and the builder declares names) only after it has seen the token that
follows. A function body's `{` reopens the names of the parameter list just
closed, so that parameters hide typedefs inside the body.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

from lark.lexer import Lexer

from lcc.diagnostics import CompileError, Loc


class Tok:
    """A parser token: terminal name, value (the C spelling) and location.

    Lighter than lark's Token (a str subclass); the LALR parser only reads
    `type`. The class attributes are what lark reads when it makes its
    end-of-input token from the last one.
    """

    __slots__ = ("type", "value", "loc")
    start_pos = line = column = end_line = end_column = end_pos = None

    def __init__(self, type: str, value: str, loc: Optional[Loc]) -> None:
        self.type = type
        self.value = value
        self.loc = loc

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r})"


# Alternative spellings gcc accepts, mapped to the grammar's literal.
_ALIASES = {
    "__const": "const", "__const__": "const",
    "__volatile": "volatile", "__volatile__": "volatile",
    "__restrict": "restrict", "__restrict__": "restrict",
    "__inline": "inline", "__inline__": "inline",
    "__signed": "signed", "__signed__": "signed",
    "__complex": "_Complex", "__complex__": "_Complex",
    "__real": "__real__", "__imag": "__imag__",
    "__asm": "asm", "__asm__": "asm",
    "__typeof": "typeof", "__typeof__": "typeof",
    "__alignof": "_Alignof", "__alignof__": "_Alignof",
    "__attribute": "__attribute__",
    "__thread": "_Thread_local",
    "__int128__": "__int128",
    "__builtin_va_arg": "__builtin_va_arg",
}
# Keywords only in the GNU dialects (-std=gnu*).
_GNU_ONLY = {"typeof", "asm"}
# Dropped: `__extension__` only silences pedantic warnings.
SKIP = ("", "")

_INT_RE = re.compile(
    r"(?:0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)"
    r"[ij]?(?:[uU](?:ll|LL|[lL])?|(?:ll|LL|[lL])[uU]?)?[ij]?\Z")
_FLOAT_RE = re.compile(
    r"(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+"
    r"|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+)"
    r"[ij]?(?:[fFlLqQwW]|[fF](?:16|32|64|128)|[fF](?:32|64)x|[dD][fFdDlL])?[ij]?\Z")
_OCTAL_BAD_RE = re.compile(r"0[0-7]*([89])")


def number_error(text: str) -> str:
    """gcc's complaint about a pp-number that is no C constant."""
    t = text.lower()
    if t.startswith("0x") or t.startswith("0b"):
        digits = "0123456789abcdef" if t[1] == "x" else "01"
        i = 2
        while i < len(t) and t[i] in digits:
            i += 1
        if "p" in t[i:] or "." in t[i:]:
            return f'invalid suffix "{text[i:]}" on floating constant' if i > 2 else \
                f'invalid suffix "{text[1:]}" on integer constant'
        if i == 2:
            return f'invalid suffix "{text[1:]}" on integer constant'
        return f'invalid suffix "{text[i:]}" on integer constant'
    if t.count(".") > 1:
        return "too many decimal points in number"
    m = re.match(r"[0-9]*\.?[0-9]*", t)
    end = m.end() if m else 0
    rest = t[end:]
    if rest.startswith("e"):
        k = 1
        if k < len(rest) and rest[k] in "+-":
            k += 1
        if k >= len(rest) or not rest[k].isdigit():
            return "exponent has no digits"
        while k < len(rest) and rest[k].isdigit():
            k += 1
        return f'invalid suffix "{text[end + k:]}" on floating constant'
    if "." in t[:end]:
        return f'invalid suffix "{text[end:]}" on floating constant'
    bad = _OCTAL_BAD_RE.match(t)
    if bad and not rest:
        return f'invalid digit "{bad.group(1)}" in octal constant'
    return f'invalid suffix "{text[end:]}" on integer constant'


def classify_number(text: str, loc: Loc) -> str:
    """INT_CONST or FLOAT_CONST for a pp-number; CompileError if neither."""
    if _INT_RE.match(text):
        if len(text) > 1 and text[0] == "0" and text[1] in "0123456789":
            bad = _OCTAL_BAD_RE.match(text)
            if bad:
                raise CompileError(loc, f'invalid digit "{bad.group(1)}" in octal constant')
        return "INT_CONST"
    if _FLOAT_RE.match(text):
        return "FLOAT_CONST"
    raise CompileError(loc, number_error(text))


class ParseContext:
    """Per-parse state shared by the lexer and the AST builder: the tokens,
    the keyword table for the dialect, and the scope table of ordinary
    identifiers (name -> True for a typedef name, False for anything else)."""

    def __init__(self, tokens: List[Any], keywords: Dict[str, Tuple[str, str]]) -> None:
        self.tokens = tokens
        self.keywords = keywords
        self.visible: Dict[str, bool] = {}
        # Each scope is its undo log: (name, previous meaning or None).
        self.scopes: List[List[Tuple[str, Optional[bool]]]] = [[]]
        self.is_params: List[bool] = [False]
        self.pending_pops = 0
        # Entries of the parenthesis after an identifier most recently
        # closed: the parameters a function body's `{` re-declares.
        self.last_params: List[Tuple[str, Optional[bool]]] = []
        # The DeclSpecs of the declarations being parsed, innermost last
        # (pushed when specifiers reduce, popped by their declaration).
        self.spec_stack: List[Any] = []
        # The block depth (len(braces)) at which each of those began.
        self.spec_levels: List[int] = []
        # For each open `{`: whether it opened a scope.
        self.braces: List[bool] = []
        # The `}` token that last closed an open brace.
        self.closed_by: Optional[Tok] = None
        # The parser's value stack (set by lalr.run), for checks that need
        # what precedes the rule being reduced.
        self.values: List[Any] = []
        self.last: Optional[Tok] = None
        # Where ISO C diagnostics go; Diagnostics knows -pedantic(-errors).
        self.diags: Any = None
        self.filename: Optional[str] = None

    def pedwarn(self, loc: Optional[Loc], message: str, always: bool = False) -> None:
        """GNU syntax used: a diagnostic only under -pedantic, or with
        `always` a warning even without it (an error under -pedantic-errors
        either way), as gcc gives it."""
        if self.diags is None:
            return
        if always:
            self.diags.pedwarn(loc, message)
        else:
            self.diags.pedantic(loc, message)

    def push_specs(self, specs: Any) -> None:
        self.spec_stack.append(specs)
        self.spec_levels.append(len(self.braces))

    def pop_specs(self) -> Any:
        self.spec_levels.pop()
        return self.spec_stack.pop()

    def in_declaration(self, closing: bool = False) -> bool:
        """Whether the innermost construct being parsed is a declaration
        (rather than a statement in a function body). `closing`: the last
        token lexed was a `}`, which already left its brace."""
        depth = len(self.braces) + (1 if closing else 0)
        return bool(self.spec_levels) and self.spec_levels[-1] == depth

    def declare(self, name: str, is_typedef: bool) -> None:
        visible = self.visible
        self.scopes[-1].append((name, visible.get(name)))
        visible[name] = is_typedef

    def push(self, params: bool = False) -> None:
        """Open a scope (a block's or a parenthesis's); `params` when it is
        a `(` right after an identifier, so that it may be the parameter
        list of the function that identifier names."""
        self.scopes.append([])
        self.is_params.append(params)

    def pop(self) -> None:
        entries = self.scopes.pop()
        if self.is_params.pop():
            self.last_params = entries
        if not entries:
            return
        visible = self.visible
        for name, old in reversed(entries):
            if old is None:
                del visible[name]
            else:
                visible[name] = old

    def flush(self) -> None:
        n = self.pending_pops
        self.pending_pops = 0
        for _ in range(n):
            if len(self.scopes) > 1:
                self.pop()


def keyword_table(literals: Dict[str, str], gnu: bool,
                  c99: bool = True) -> Dict[str, Tuple[str, str]]:
    """spelling -> (terminal name, canonical spelling) for every keyword of
    the dialect: GNU (`typeof`, `asm`) or ISO; C99 and later, or C89/C90
    where `restrict` (and, outside GNU C, `inline`) are identifiers."""
    table: Dict[str, Tuple[str, str]] = {}
    for text, name in literals.items():
        if text[0].isalpha() or text[0] == "_":
            if text in _GNU_ONLY and not gnu:
                continue
            if not c99 and (text == "restrict" or (text == "inline" and not gnu)):
                continue
            table[text] = (name, text)
    for alias, canon in _ALIASES.items():
        if canon in literals:
            table[alias] = (literals[canon], canon)
    # `__alignof__ expr` is GNU and fine; `_Alignof expr` draws a pedwarn,
    # so the builder needs to know which was written.
    for alias in ("__alignof", "__alignof__"):
        table[alias] = (literals["_Alignof"], alias)
    table["__extension__"] = SKIP
    return table


class CLexer(Lexer):
    """The lexer class Lark is built with: it collects the terminal names of
    the grammar's keywords and punctuators. The per-token work (see the
    module doc) is in lalr.run."""

    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        literals: Dict[str, str] = {}
        for term in lexer_conf.terminals:
            if term.pattern.type == "str":
                literals[term.pattern.value] = term.name
        self.literals = literals
        self.puncts = {t: n for t, n in literals.items()
                       if not (t[0].isalpha() or t[0] == "_")}
        # By (GNU dialect, C99 or later).
        self.keyword_tables = {(gnu, c99): keyword_table(literals, gnu, c99)
                               for gnu in (True, False) for c99 in (True, False)}

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Any]:
        # Lark needs a lexer class to build the parser, but lcc runs the
        # table with its own loop (lalr.run), which lexes inline.
        raise NotImplementedError("lcc.parse.lalr.run does the lexing")
