"""Preprocessing tokens: what the preprocessor produces and the parser reads.

C11 6.4 pp-token kinds, one string each:
  IDENT   identifiers and keywords (the parser tells keywords apart)
  NUMBER  pp-numbers (the parser classifies them as integer or floating)
  CHAR    character constants, with any encoding prefix (L, u, U, u8)
  STRING  string literals, with any encoding prefix
  PUNCT   punctuators, digraphs already spelled as their plain form
  OTHER   any other single non-white-space character
  PRAGMA  a `#pragma` (or `_Pragma`) the preprocessor does not handle itself,
          passed on to the parser: text is the pragma's body ("pack(push, 1)")
  IDENTDIR  an `#ident` (or `#sccs`) line: text is its operand after macro
          expansion ("\"v1.2\""); -E prints it back, the parser skips it
"""
from __future__ import annotations

from typing import FrozenSet, Optional

from lcc.diagnostics import Loc

IDENT = "ident"
NUMBER = "number"
CHAR = "char"
STRING = "string"
PUNCT = "punct"
OTHER = "other"
PRAGMA = "pragma"
IDENTDIR = "identdir"

_EMPTY: FrozenSet[str] = frozenset()


class Token:
    """One pp-token.

    `space` is true when white space precedes the token, `bol` when it is the
    first token of a line (both matter for `#` stringizing and for -E output).
    `hideset` holds the names of the macros that must not expand this token
    again (C11 6.10.3.4, the "blue paint"). `loc` is where the token was
    spelled or, for a token made by a macro expansion, where that expansion
    was invoked, which is where gcc reports it.
    """

    __slots__ = ("kind", "text", "loc", "space", "bol", "hideset")

    def __init__(self, kind: str, text: str, loc: Loc, space: bool = False,
                 bol: bool = False, hideset: Optional[FrozenSet[str]] = None) -> None:
        self.kind = kind
        self.text = text
        self.loc = loc
        self.space = space
        self.bol = bol
        self.hideset = hideset if hideset is not None else _EMPTY

    def copy(self) -> "Token":
        return Token(self.kind, self.text, self.loc, self.space, self.bol, self.hideset)

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.loc})"
