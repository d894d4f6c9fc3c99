"""The text of `lcc -E`, laid out as gcc lays it out.

Tokens go on the line they came from; a jump of up to 8 lines is written as
blank lines, a larger one or a change of file as a line marker
`# LINE "FILE" FLAGS` (1: entering an include, 2: returning to a file,
3: a system header; gcc adds 4 after 3). Between two tokens on a line
there is a space where the source had white space, and wherever the two
would otherwise lex as a different token (C11 6.10.3.3 calls such spelling
accidents "pasting"; gcc's cpp_avoid_paste does the same).
"""
from __future__ import annotations

from typing import IO, Iterable, List, Optional, Set

from lcc.tokens import CHAR, IDENT, IDENTDIR, NUMBER, PRAGMA, PUNCT, STRING, Token

_PUNCTS = """%:%: ... <<= >>= -> ++ -- << >> <= >= == != && || *= /= %= += -= &= ^= |=
## <: :> <% %> %: [ ] ( ) { } . & * + - ~ ! / % < > ^ | ? : ; = , #""".split()
# Every two-or-more-character prefix of a punctuator: `a` then `b` must be
# kept apart when a+b[0] is one of these.
_PREFIXES = {p[:k] for p in _PUNCTS for k in range(2, len(p) + 1)} | {"//", "/*", ".."}


def _avoid_paste(prev: Token, t: Token) -> bool:
    pk = prev.kind
    tk = t.kind
    if pk is IDENT or pk is NUMBER:
        if tk is IDENT or tk is NUMBER:
            return True
        if pk is NUMBER and tk is PUNCT:
            c = t.text[0]
            return c == "." or (c in "+-" and prev.text[-1] in "eEpP")
        if pk is IDENT and (tk is STRING or tk is CHAR):
            return prev.text in ("L", "u", "U", "u8")
        return False
    if pk is PUNCT and tk is PUNCT:
        return (prev.text + t.text[0]) in _PREFIXES
    if pk is PUNCT and tk is NUMBER:
        return prev.text == "." or prev.text[-1:] == "."
    return False


def write_preprocessed(tokens: Iterable[Token], out: IO[str], line_markers: bool = True) -> None:
    system: Set[str] = getattr(tokens, "system_files", set())
    main: Optional[str] = getattr(tokens, "main_file", None)
    parts: List[str] = []
    emit = parts.append
    stack: List[str] = []
    cur_file: Optional[str] = None
    cur_line = 0
    prev: Optional[Token] = None
    if line_markers and main is not None:
        emit(f'# 0 "{main}"\n# 0 "<built-in>"\n# 0 "<command-line>"\n')
        stack.append(main)

    def marker(line: int, path: str, flag: str) -> None:
        sys_flag = " 3 4" if path in system else ""
        emit(f'\n# {line} "{path}"{flag}{sys_flag}\n' if parts else
             f'# {line} "{path}"{flag}{sys_flag}\n')

    events = getattr(tokens, "events", []) if line_markers else []
    ev = 0
    nev = len(events)
    for index, t in enumerate(tokens):
        while ev < nev and events[ev][0] <= index:
            # An #include entered or left here: gcc's marker, even when the
            # file gave no tokens.
            _, path, line, flag = events[ev]
            ev += 1
            if flag == " 1":
                stack.append(path)
            else:
                while len(stack) > 1 and stack[-1] != path:
                    stack.pop()
            marker(line, path, flag)
            cur_file = path
            cur_line = line
            prev = None
        loc = t.loc
        if t.kind is PRAGMA or t.kind is IDENTDIR:
            # On a line of its own, on its source line when that is ahead.
            gap = loc.line - cur_line
            if loc.file != cur_file or not line_markers or gap > 8 or gap < 0:
                if line_markers:
                    marker(loc.line, loc.file, "")
                    cur_file = loc.file
                else:
                    emit("\n")
            elif gap > 0:
                emit("\n" * gap)
            elif prev is not None:
                emit("\n")
            emit(f"#pragma {t.text}\n" if t.kind is PRAGMA else f"#ident {t.text}\n")
            cur_line = loc.line + 1
            prev = None
            continue
        f = loc.file
        if f != cur_file:
            if line_markers:
                # Entering and leaving includes come as events; a change of
                # file here is a #line or a marker in the input: no flag.
                marker(loc.line, f, "")
            elif parts:
                emit("\n")
            cur_file = f
            cur_line = loc.line
            if loc.col > 1:
                emit(" " * min(loc.col - 1, 64) if t.space else "")
            prev = None
        elif loc.line > cur_line and (t.bol or prev is None or prev.hideset or t.space):
            # A new source line, the first token after a macro call that
            # spanned lines, or a token after a line splice and white space;
            # not one glued to a token that spans a splice (a string
            # continued with backslashes): gcc counts its line as the
            # string's.
            gap = loc.line - cur_line
            if not line_markers:
                emit("\n")
            elif gap > 8:
                marker(loc.line, f, "")
            else:
                emit("\n" * gap)
            cur_line = loc.line
            if t.space and loc.col > 1:
                emit(" " * min(loc.col - 1, 64))
            prev = None
        elif t.bol and loc.line < cur_line:
            # `#line` went back: only a marker can say so.
            if line_markers:
                marker(loc.line, f, "")
            else:
                emit("\n")
            cur_line = loc.line
            prev = None
        elif prev is not None and (t.space or t.bol or _avoid_paste(prev, t)):
            emit(" ")
        emit(t.text)
        prev = t
    for _, path, line, flag in events[ev:]:
        marker(line, path, flag)
    emit("\n")
    out.write("".join(parts))
