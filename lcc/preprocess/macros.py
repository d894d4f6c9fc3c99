"""Macro definitions and expansion (C11 6.10.3).

The algorithm is Prosser's, as C11 6.10.3.4 describes it: every token
carries a hide set (the "blue paint"); a macro's expansion adds the macro's
name to the hide set of every token it produces (for a function-like macro,
to the intersection of the name's and the closing parenthesis' hide sets),
and a name found in its own hide set is never expanded again, wherever the
token travels later (into an argument, through another macro). This is what
makes `#define vfsList GLOBAL(sqlite3_vfs *, vfsList)` terminate.

Expansion works on a stack of pending tokens (the top is the end of the
list): a macro's result is pushed back and rescanned together with the rest
of the input, which a function-like macro can read into when its argument
list continues past the result (C11 6.10.3.4p1). When the stack runs dry
the expander reads on from the current file (`_file_next`, provided by the
preprocessor, which runs any directive it meets).
"""
from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from lcc.diagnostics import CompileError, Loc
from lcc.preprocess.lexer import tokenize
from lcc.tokens import CHAR, IDENT, NUMBER, PUNCT, STRING, Token

PLACEMARKER = "placemarker"

# The variable arguments of a call that has none at all (`e(a)` for
# `e(fmt, ...)`), told apart from present-but-empty ones (`e(a,)`): gcc's
# `, ## __VA_ARGS__` drops the comma only for the former.
ABSENT: Tuple[Token, ...] = ()


class Macro:
    """One #define. `params` is None for an object-like macro; for a variadic
    one the last parameter names the variable arguments (`__VA_ARGS__` or a
    GNU `args...` name). `builtin` names a dynamic macro (__LINE__, ...)."""

    __slots__ = ("name", "params", "variadic", "body", "loc", "builtin", "pindex",
                 "has_hash")

    def __init__(self, name: str, params: Optional[List[str]], variadic: bool,
                 body: List[Token], loc: Optional[Loc], builtin: Optional[str] = None) -> None:
        self.name = name
        self.params = params
        self.variadic = variadic
        self.body = body
        self.loc = loc
        self.builtin = builtin
        # For each body token, the index of the parameter it names, or -1.
        idx = {p: i for i, p in enumerate(params)} if params is not None else {}
        self.pindex = [idx.get(t.text, -1) if t.kind is IDENT else -1 for t in body]
        # Whether the body needs the slow substitution path (# or ## or
        # __VA_OPT__ or a parameter).
        self.has_hash = any(t.kind is PUNCT and t.text in ("#", "##") for t in body) or \
            any(i >= 0 for i in self.pindex) or \
            (variadic and any(t.text == "__VA_OPT__" for t in body))

    def same_as(self, other: "Macro") -> bool:
        """C11 6.10.3p2: identical redefinitions are allowed."""
        if self.params != other.params or self.variadic != other.variadic:
            return False
        if len(self.body) != len(other.body):
            return False
        for i, (a, b) in enumerate(zip(self.body, other.body)):
            if a.text != b.text or (i and a.space != b.space):
                return False
        return True


def stringize(arg: List[Token], loc: Loc) -> Token:
    """The `#` operator (C11 6.10.3.2): spell the argument as a string."""
    parts: List[str] = []
    for i, t in enumerate(arg):
        if t.kind == PLACEMARKER:
            continue
        if i and (t.space or t.bol) and parts:
            parts.append(" ")
        text = t.text
        if t.kind is STRING or t.kind is CHAR:
            text = text.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(text)
    return Token(STRING, '"' + "".join(parts) + '"', loc)


_WORD_RE = re.compile(r"[\w$]+\Z")


def _pp_tokens_of(text: str) -> Optional[List[Token]]:
    try:
        return tokenize(text, "<paste>")
    except CompileError:
        return None


class Expander:
    """The macro-expansion half of the preprocessor (see module doc)."""

    macros: Dict[str, Macro]
    in_if: bool

    def __init__(self) -> None:
        self.macros = {}
        self.in_if = False
        # Depth of argument collection reading from the file (directives
        # met there are restricted).
        self.collecting = 0
        # Whether the last expand() produced no tokens.
        self.empty_expansion = False
        # GNU mode (-std=gnuNN): `, ## __VA_ARGS__` also drops the comma when
        # a variadic-only macro gets one empty argument.
        self.gnu_mode = True
        self._hs_cache: Dict[Tuple[FrozenSet[str], str], FrozenSet[str]] = {}

    # Provided by the preprocessor.
    def _file_next(self) -> Optional[Token]:
        raise NotImplementedError

    def error(self, loc: Optional[Loc], msg: str) -> None:
        raise NotImplementedError

    def _builtin(self, m: Macro, t: Token, pending: List[Token], from_file: bool,
                 out: List[Token]) -> Optional[List[Token]]:
        raise NotImplementedError

    # ---- hide sets -----------------------------------------------------

    def _add_hs(self, hs: FrozenSet[str], name: str) -> FrozenSet[str]:
        key = (hs, name)
        r = self._hs_cache.get(key)
        if r is None:
            r = hs | {name}
            self._hs_cache[key] = r
        return r

    # ---- the rescanning loop -------------------------------------------

    def rescan(self, pending: List[Token], out: List[Token], from_file: bool) -> None:
        """Expand everything on `pending` (and, when from_file, whatever a
        function-like macro at its end reads from the file), appending the
        result to out."""
        macros = self.macros
        append = out.append
        # A macro that expands to nothing hands its leading white space on
        # to the next token (gcc's padding; it shows in `#` and -E output),
        # and its start of line too (for -E, a line starts there).
        carry = False
        carry_bol = False
        while True:
            if not pending:
                if not (carry_bol and from_file):
                    break
                nxt = self._same_line_file_token()
                if nxt is None:
                    break
                pending.append(nxt)
            t = pending.pop()
            if carry or carry_bol:
                if (carry and not t.space) or (carry_bol and not t.bol):
                    t = t.copy()
                    t.space = t.space or carry
                    t.bol = t.bol or carry_bol
                carry = carry_bol = False
            if t.kind is IDENT:
                m = macros.get(t.text)
                if m is not None and t.text not in t.hideset:
                    if m.builtin is not None:
                        res = self._builtin(m, t, pending, from_file, out)
                        if res is None:
                            append(t)
                        else:
                            if res:
                                res[0].bol = t.bol
                            pending.extend(reversed(res))
                            carry = t.space and not res
                            carry_bol = t.bol and not res
                        continue
                    if self.expand(t, m, pending, from_file):
                        carry = t.space and self.empty_expansion
                        carry_bol = t.bol and self.empty_expansion
                        continue
                elif self.in_if and t.text == "defined":
                    append(self._defined(t, pending))
                    continue
            append(t)

    def _same_line_file_token(self) -> Optional[Token]:
        """The next token of the current file when it is on the same line
        (the preprocessor provides this; no file, no token)."""
        return None

    def _next(self, pending: List[Token], from_file: bool) -> Optional[Token]:
        if pending:
            return pending.pop()
        if from_file:
            return self._file_next()
        return None

    def expand(self, t: Token, m: Macro, pending: List[Token], from_file: bool) -> bool:
        """Expand macro m named by t, pushing the result onto pending.
        False when t is a function-like macro's name without arguments."""
        if m.params is None:
            hs = self._add_hs(t.hideset, m.name)
            loc = t.loc
            if m.has_hash:
                res = self._subst(m, [], hs, t)
            else:
                res = [Token(b.kind, b.text, loc, b.space, False,
                             hs if not b.hideset else b.hideset | hs) for b in m.body]
                if res:
                    res[0].space = t.space
                    res[0].bol = t.bol
            pending.extend(reversed(res))
            self.empty_expansion = not res
            return True
        nxt = self._next(pending, from_file)
        if nxt is None:
            return False
        if nxt.text != "(" or nxt.kind is not PUNCT:
            pending.append(nxt)
            return False
        got = self._collect_args(m, t, pending, from_file)
        if got is None:
            return True
        args, rparen = got
        hs = self._add_hs(t.hideset & rparen.hideset, m.name)
        res = self._subst(m, args, hs, t)
        pending.extend(reversed(res))
        self.empty_expansion = not res
        return True

    def _collect_args(self, m: Macro, t: Token, pending: List[Token],
                      from_file: bool) -> Optional[Tuple[List[List[Token]], Token]]:
        assert m.params is not None
        nparams = len(m.params)
        args: List[List[Token]] = []
        cur: List[Token] = []
        depth = 0
        self.collecting += 1
        try:
            while True:
                a = pending.pop() if pending else (self._file_next() if from_file else None)
                if a is None:
                    self.error(t.loc, f"unterminated argument list invoking macro \"{m.name}\"")
                    return None
                if a.kind is PUNCT:
                    tx = a.text
                    if tx == "(":
                        depth += 1
                    elif tx == ")":
                        if depth == 0:
                            args.append(cur)
                            break
                        depth -= 1
                    elif tx == "," and depth == 0 and not (m.variadic and len(args) == nparams - 1):
                        args.append(cur)
                        cur = []
                        continue
                cur.append(a)
        finally:
            self.collecting -= 1
        if nparams == 0 and len(args) == 1 and not args[0]:
            args = []
        elif nparams == 1 and m.variadic and len(args) == 1 and not args[0] and self.gnu_mode:
            args = [ABSENT]  # type: ignore[list-item]
        if len(args) < nparams:
            if m.variadic and len(args) == nparams - 1:
                args.append(ABSENT)  # type: ignore[arg-type]
            elif nparams == 1 and not args:
                args = [[]]
            else:
                self.error(a.loc, f"macro \"{m.name}\" requires {nparams} arguments, "
                                  f"but only {len(args)} given")
                return None
        elif len(args) > nparams:
            self.error(a.loc, f"macro \"{m.name}\" passed {len(args)} arguments, "
                              f"but takes just {nparams}")
            return None
        return args, a

    def expand_list(self, toks: List[Token]) -> List[Token]:
        """Fully macro-expand a token list in isolation (a macro argument,
        an #include or #line operand)."""
        out: List[Token] = []
        pending = toks[::-1]
        self.rescan(pending, out, False)
        return out

    # ---- substitution ------------------------------------------------------

    def _subst(self, m: Macro, args: List[List[Token]], hs: FrozenSet[str],
               t: Token) -> List[Token]:
        """The replacement list with parameters replaced, # and ## applied
        (C11 6.10.3.1-3), every token's hide set extended by hs."""
        out = self._subst_range(m, 0, len(m.body), args, {}, t.loc)
        res: List[Token] = []
        for x in out:
            if x.kind == PLACEMARKER:
                continue
            x.hideset = hs if not x.hideset else (x.hideset | hs)
            res.append(x)
        if res:
            # The expansion starts where the name was (for -E after a #line
            # that goes back).
            res[0].space = t.space
            res[0].bol = t.bol
        return res

    def _expanded_arg(self, i: int, args: List[List[Token]],
                      cache: Dict[int, List[Token]]) -> List[Token]:
        r = cache.get(i)
        if r is None:
            r = self.expand_list(args[i])
            cache[i] = r
        return r

    def _subst_range(self, m: Macro, start: int, end: int, args: List[List[Token]],
                     cache: Dict[int, List[Token]], loc: Loc) -> List[Token]:
        body = m.body
        pindex = m.pindex
        out: List[Token] = []
        vaidx = len(m.params) - 1 if m.variadic and m.params else -1
        i = start
        while i < end:
            b = body[i]
            pi = pindex[i]
            if b.kind is PUNCT and b.text == "#" and m.params is not None and i + 1 < end:
                if pindex[i + 1] >= 0:
                    s = stringize(args[pindex[i + 1]], loc)
                    s.space = b.space
                    out.append(s)
                    i += 2
                    continue
            if b.kind is PUNCT and b.text == "##" and i + 1 < end \
                    and body[i + 1].kind is PUNCT and body[i + 1].text == "##":
                # `a ## ## b`: gcc treats a run of ## as one operator.
                i += 1
                continue
            if b.kind is PUNCT and b.text == "##" and out and i + 1 < end:
                # Operand on the right: a parameter is not macro-expanded,
                # except in GNU's `, ## __VA_ARGS__`.
                j = i + 1
                pj = pindex[j]
                if pj >= 0:
                    arg = args[pj]
                    if pj == vaidx and out[-1].text == "," and out[-1].kind is PUNCT:
                        # GNU comma elision: drop the comma before an empty
                        # __VA_ARGS__; otherwise the arguments are expanded.
                        if arg is ABSENT:
                            out.pop()
                        elif not arg:
                            pass
                        else:
                            out.extend(self._copy(self._expanded_arg(pj, args, cache),
                                                  body[j].space, loc))
                        i = j + 1
                        continue
                    rhs = self._copy(arg, body[j].space, loc)
                    i = j + 1
                elif body[j].text == "__VA_OPT__" and vaidx >= 0:
                    rhs, i = self._va_opt(m, j, end, args, cache, loc, vaidx)
                else:
                    rhs = [Token(body[j].kind, body[j].text, loc, body[j].space)]
                    i = j + 1
                if not rhs:
                    continue
                lhs = out.pop()
                out.extend(self._paste(lhs, rhs[0]))
                out.extend(rhs[1:])
                continue
            if pi >= 0:
                nxt_paste = (i + 1 < end and body[i + 1].kind is PUNCT
                             and body[i + 1].text == "##")
                if nxt_paste:
                    arg = args[pi]
                    if arg:
                        out.extend(self._copy(arg, b.space, loc))
                    else:
                        out.append(Token(PLACEMARKER, "", loc, b.space))
                else:
                    out.extend(self._copy(self._expanded_arg(pi, args, cache), b.space, loc))
                i += 1
                continue
            if vaidx >= 0 and b.text == "__VA_OPT__" and b.kind is IDENT:
                part, i = self._va_opt(m, i, end, args, cache, loc, vaidx)
                out.extend(part)
                continue
            out.append(Token(b.kind, b.text, loc, b.space))
            i += 1
        return out

    def _va_opt(self, m: Macro, i: int, end: int, args: List[List[Token]],
                cache: Dict[int, List[Token]], loc: Loc, vaidx: int) -> Tuple[List[Token], int]:
        """__VA_OPT__(content) at body[i]: the substituted content when the
        variable arguments expand to something, else a placemarker."""
        body = m.body
        j = i + 1
        if j >= end or body[j].text != "(":
            self.error(body[i].loc, "__VA_OPT__ must be followed by an open parenthesis")
            return [], j
        depth = 0
        k = j
        while k < end:
            tx = body[k].text
            if tx == "(":
                depth += 1
            elif tx == ")":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        if k >= end:
            self.error(body[i].loc, "unterminated __VA_OPT__")
            return [], end
        if self._expanded_arg(vaidx, args, cache):
            part = self._subst_range(m, j + 1, k, args, cache, loc)
            if part:
                part[0].space = body[i].space
            return part, k + 1
        return [Token(PLACEMARKER, "", loc, body[i].space)], k + 1

    @staticmethod
    def _copy(toks: List[Token], space: bool, loc: Loc) -> List[Token]:
        # Argument tokens take the invocation's location too, as gcc lays
        # out -E: a call spanning lines expands on the line of its name.
        res = [Token(x.kind, x.text, loc, x.space, False, x.hideset) for x in toks]
        if res:
            res[0].space = space
        return res

    def _paste(self, lhs: Token, rhs: Token) -> List[Token]:
        """The ## operator (C11 6.10.3.3) on two tokens."""
        if lhs.kind == PLACEMARKER:
            return [rhs]
        if rhs.kind == PLACEMARKER:
            return [lhs]
        text = lhs.text + rhs.text
        lk = lhs.kind
        if (lk is IDENT or lk is NUMBER) and (rhs.kind is IDENT or rhs.kind is NUMBER) \
                and _WORD_RE.match(rhs.text):
            # The common case (name ## suffix, 1 ## 2) needs no lexer: the
            # result has the left operand's kind.
            return [Token(lk, text, lhs.loc, lhs.space, False, lhs.hideset)]
        toks = _pp_tokens_of(text)
        # The operands hold no white space, so one token means the whole
        # text (a digraph comes back respelled, e.g. %:%: as ##).
        if toks is not None and len(toks) == 1:
            p = toks[0]
            return [Token(p.kind, p.text, lhs.loc, lhs.space, False, lhs.hideset)]
        self.error(lhs.loc, f"pasting \"{lhs.text}\" and \"{rhs.text}\" does not give a "
                            "valid preprocessing token")
        return [lhs, rhs]

    # ---- `defined` in #if ----------------------------------------------

    def _defined(self, t: Token, pending: List[Token]) -> Token:
        nxt = pending.pop() if pending else None
        paren = nxt is not None and nxt.text == "("
        if paren:
            nxt = pending.pop() if pending else None
        if nxt is None or nxt.kind is not IDENT:
            raise CompileError(t.loc, "operator \"defined\" requires an identifier")
        if paren:
            close = pending.pop() if pending else None
            if close is None or close.text != ")":
                raise CompileError(t.loc, "missing ')' after \"defined\"")
        return Token(NUMBER, "1" if nxt.text in self.macros else "0", t.loc, t.space)


BuiltinFn = Callable[[Token], List[Token]]
