"""The pp-tokenizer: translation phases 1-3 (C11 5.1.1.2) in one pass.

Line splices (backslash-newline) are removed, comments become white space,
and the text is cut into pp-tokens (C11 6.4). Each token records whether
white space precedes it (`space`) and whether it starts a line (`bol`), which
is all the line structure the preprocessor needs: a directive is a `#` with
`bol` set, and runs up to the next token with `bol` set.

Locations are physical: a token after a line splice reports the line it is
really on.
"""
from __future__ import annotations

import re
from typing import List, Optional

from lcc.diagnostics import CompileError, Loc
from lcc.tokens import CHAR, IDENT, NUMBER, OTHER, PUNCT, STRING, Token

# Punctuators, longest first so that the alternation takes the longest match.
_PUNCTS = sorted("""
    %:%: ... <<= >>= -> ++ -- << >> <= >= == != && || *= /= %= += -= &= ^= |=
    ## <: :> <% %> %: [ ] ( ) { } . & * + - ~ ! / % < > ^ | ? : ; = , #
    """.split(), key=len, reverse=True)
_DIGRAPHS = {"<:": "[", ":>": "]", "<%": "{", "%>": "}", "%:": "#", "%:%:": "##"}

# Leading blanks are matched together with the token after them: one regex
# call per token instead of two (the lexer's main cost).
_TOKEN_RE = re.compile(r"""
    [ \t\f\v\r]*
  (?:
    (?P<nl>\n)
  | (?P<lc>//[^\n]*)
  | (?P<bc>/\*)
  | (?P<str>(?:u8|[uUL])?"(?:[^"\\\n]|\\.)*")
  | (?P<chr>(?:u8|[uUL])?'(?:[^'\\\n]|\\.)*')
  | (?P<id>(?:[A-Za-z_$\x80-\U0010ffff]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})
           (?:[\w$\x80-\U0010ffff]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)
  | (?P<num>\.?[0-9](?:[eEpP][+-]|[\w.$])*)
  | (?P<punct>""" + "|".join(re.escape(p) for p in _PUNCTS) + r""")
  | (?P<other>.)
  | (?P<ws>\Z)
  )
""", re.VERBOSE | re.DOTALL)

_KIND = {"str": STRING, "chr": CHAR, "id": IDENT, "num": NUMBER, "punct": PUNCT,
         "other": OTHER}


_SPACED_SPLICE = re.compile(r"\\[ \t\f\v]+\r?\n")


def splice(text: str) -> "tuple[str, List[int]]":
    """Remove line splices. Returns the new text and the offsets (in it) at
    which a splice was removed, in increasing order."""
    if "\\" not in text:
        return text, []
    # gcc also splices a backslash separated from the newline by blanks
    # (with a warning).
    if _SPACED_SPLICE.search(text):
        text = _SPACED_SPLICE.sub("\\\n", text)
    if "\\\n" not in text and "\\\r\n" not in text:
        return text, []
    text = text.replace("\\\r\n", "\\\n")
    parts = text.split("\\\n")
    out: List[str] = []
    offsets: List[int] = []
    pos = 0
    for i, part in enumerate(parts):
        if i:
            offsets.append(pos)
        out.append(part)
        pos += len(part)
    return "".join(out), offsets


def tokenize(text: str, filename: str, first_line: int = 1) -> List[Token]:
    """Cut a whole source file into pp-tokens."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text, splices = splice(text)
    tokens: List[Token] = []
    append = tokens.append
    line = first_line
    line_start = 0  # offset of the current physical line's first character
    space = False
    bol = True
    # Index of the next splice not yet passed.
    si = 0
    nsplices = len(splices)
    next_splice = splices[0] if nsplices else -1
    pos = 0
    end = len(text)
    match = _TOKEN_RE.match
    while pos < end:
        m = match(text, pos)
        assert m is not None
        kind = m.lastgroup
        mend = m.end()
        start = m.start(kind)  # type: ignore[arg-type]
        if start != pos:
            space = True
            # Account for splices removed inside the blanks.
            while next_splice != -1 and next_splice < start:
                line += 1
                line_start = next_splice
                si += 1
                next_splice = splices[si] if si < nsplices else -1
            pos = start
        # Account for splices removed before this token's start.
        while next_splice != -1 and next_splice <= pos:
            line += 1
            line_start = next_splice
            si += 1
            next_splice = splices[si] if si < nsplices else -1
        if kind == "ws":
            # Blanks at the very end of the text.
            space = True
            mend = end
        elif kind == "nl":
            line += 1
            line_start = mend
            bol = True
            space = False
        elif kind == "lc":
            space = True
        elif kind == "bc":
            close = text.find("*/", mend)
            if close < 0:
                raise CompileError(Loc(filename, line, pos - line_start + 1),
                                   "unterminated comment")
            mend = close + 2
            # Newlines inside the comment advance the line count, and so do
            # splices.
            nls = text.count("\n", pos, mend)
            if nls:
                line += nls
                line_start = text.rfind("\n", pos, mend) + 1
            while next_splice != -1 and next_splice < mend:
                line += 1
                if next_splice > line_start:
                    line_start = next_splice
                si += 1
                next_splice = splices[si] if si < nsplices else -1
            space = True
        else:
            value = m.group(kind)  # type: ignore[arg-type]
            tkind = _KIND[kind]  # type: ignore[index]
            if tkind is PUNCT and value in _DIGRAPHS:
                value = _DIGRAPHS[value]
            elif tkind is IDENT and not value.isascii() or "\\" in value and tkind is IDENT:
                value = canonical_identifier(value)
            append(Token(tkind, value, Loc(filename, line, pos - line_start + 1), space, bol))
            space = False
            bol = False
            # A token that spans a splice (e.g. a macro body's identifier
            # split across lines) moves the line count on past it.
            while next_splice != -1 and next_splice < mend:
                line += 1
                line_start = next_splice
                si += 1
                next_splice = splices[si] if si < nsplices else -1
        pos = mend
    return tokens


_UCN_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def canonical_identifier(name: str) -> str:
    """One spelling per identifier (C11 6.4.2.1: a UCN and the character it
    names are the same identifier): extended characters as \\UXXXXXXXX,
    which is also how gcc -E writes them. Undecodable source bytes (lone
    surrogates) are left alone."""
    if "\\" in name:
        name = _UCN_RE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), name)
    return "".join(c if c < "\x80" or "\udc80" <= c <= "\udcff" else "\\U%08x" % ord(c)
                   for c in name)


_NUM_INT_RE = re.compile(r"(?:0[xX][0-9A-Fa-f]+|0[bB][01]+|[0-9]+)[uUlL]*\Z")


def is_integer_number(text: str) -> bool:
    """Whether a pp-number is an integer constant (else floating, or bad)."""
    return _NUM_INT_RE.match(text) is not None


def tokenize_line(text: str, filename: str = "<command line>",
                  loc: Optional[Loc] = None) -> List[Token]:
    """Tokens of a one-line string (a -D value, a _Pragma operand)."""
    toks = tokenize(text, filename)
    if loc is not None:
        for t in toks:
            t.loc = loc
    return toks
