"""The LALR(1) driver: Lark's parse table and callbacks, run by a tight loop
that also does the lexing.

Lark builds (and caches) the tables from grammar/c11.lark and wraps our
builder's methods into per-rule callbacks; its own driver
(`ParserState.feed_token`) costs several microseconds per reduction because
it hashes Rule objects, and a C parse makes about five reductions per token.
Here the table is renumbered once into plain dicts of ints:

    action[state][terminal]    >= 0: shift to that state
                                < 0: reduce rule ~action
    action[state][nonterminal] the goto state

and a `?` rule of one symbol (the long expression-precedence chain) only
swaps the state on top of the stack, without a callback. The lexer part is
CLexer.lex from lexer.py unrolled into the loop, for the same reason.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from lark.parsers.lalr_analysis import Shift

from lcc.diagnostics import CompileError
from lcc.parse.lexer import SKIP, ParseContext, Tok, classify_number
from lcc.tokens import CHAR, IDENT, IDENTDIR, NUMBER, OTHER, PRAGMA, PUNCT, STRING

# Rule kinds in Tables.rules.
_UNIT = 0      # `?rule: x` with one symbol: the value passes through
_CALL = 1      # call the callback on the popped values


class ParseError(Exception):
    """No action for `tok` in `state`: the caller turns it into a
    gcc-style message (errors.py)."""

    def __init__(self, tok: Optional[Tok], expected: List[str]) -> None:
        super().__init__("syntax error")
        self.tok = tok
        self.expected = expected


class Tables:
    """Lark's LALR table and callbacks, renumbered for `run`."""

    def __init__(self, lark: Any) -> None:
        inner = lark.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table = inner.parse_table
        callbacks = inner.callbacks
        rule_index: Dict[Any, int] = {}
        self.rules: List[Tuple[int, int, str, Any]] = []
        self.action: Dict[Any, Dict[str, int]] = {}
        for state, acts in table.states.items():
            row: Dict[str, int] = {}
            for sym, (kind, arg) in acts.items():
                if kind is Shift:
                    row[sym] = arg
                else:
                    idx = rule_index.get(arg)
                    if idx is None:
                        idx = rule_index[arg] = len(self.rules)
                        size = len(arg.expansion)
                        unit = (size == 1 and arg.options.expand1 and arg.alias is None)
                        self.rules.append((_UNIT if unit else _CALL, size, arg.origin.name,
                                           callbacks[arg]))
                    row[sym] = ~idx
            self.action[state] = row
        self.start = table.start_states["start"]
        self.end = table.end_states["start"]
        self.literals: Dict[str, str] = lark.parser.lexer.literals
        self.puncts: Dict[str, str] = lark.parser.lexer.puncts
        self.keyword_tables = lark.parser.lexer.keyword_tables

    def expected(self, stack: List[Any]) -> List[str]:
        """The terminals that could really come next (for error messages)."""
        return sorted(t for t in self.action[stack[-1]]
                      if (t.isupper() or t.startswith("__")) and self.accepts(stack, t))

    def accepts(self, stack: List[Any], term: str) -> bool:
        """Whether `term` would be shifted after the reductions it calls
        for (LALR merges lookaheads, so the row alone may over-accept)."""
        action = self.action
        rules = self.rules
        stk = list(stack)
        while True:
            act = action[stk[-1]].get(term)
            if act is None:
                return False
            if act >= 0:
                return True
            _kind, size, origin, _cb = rules[~act]
            if size:
                del stk[-size:]
            stk.append(action[stk[-1]][origin])


def run(tables: Tables, ctx: ParseContext) -> Any:
    """Parse ctx.tokens; returns the start rule's value."""
    action = tables.action
    rules = tables.rules
    accepts = tables.accepts
    puncts = tables.puncts
    keywords = ctx.keywords
    visible = ctx.visible
    stack: List[Any] = [tables.start]
    values: List[Any] = []
    ctx.values = values
    last_type = ""
    tok: Optional[Tok] = None
    for t in ctx.tokens:
        if ctx.pending_pops:
            ctx.flush()
        kind = t.kind
        # ---- lex: pp-token -> Tok (see CLexer.lex for the commentary)
        if kind is IDENT:
            text = t.text
            kw = keywords.get(text)
            if kw is None:
                row = action[stack[-1]]
                if visible.get(text) and "TYPE_NAME" in row and (
                        "IDENTIFIER" not in row or accepts(stack, "TYPE_NAME")):
                    typ = "TYPE_NAME"
                else:
                    typ = "IDENTIFIER"
                tok = Tok(typ, text, t.loc)
            elif kw is SKIP:
                continue
            else:
                typ = kw[0]
                tok = Tok(typ, kw[1], t.loc)
        elif kind is PUNCT:
            text = t.text
            typ = puncts.get(text)  # type: ignore[assignment]
            if typ is None:
                raise CompileError(t.loc, f"stray '{text}' in program")
            if text == "(":
                ctx.push(last_type == "IDENTIFIER")
            elif text == ")":
                ctx.pending_pops += 1
            elif text == "{":
                row = action[stack[-1]]
                if "FUNC_LBRACE" in row and accepts(stack, "FUNC_LBRACE"):
                    typ = "FUNC_LBRACE"
                    ctx.push()
                    for pname, _old in ctx.last_params:
                        ctx.declare(pname, False)
                    ctx.last_params = []
                    ctx.braces.append(True)
                elif "BLOCK_LBRACE" in row and (
                        "LBRACE" not in row or accepts(stack, "BLOCK_LBRACE")):
                    typ = "BLOCK_LBRACE"
                    ctx.push()
                    ctx.braces.append(True)
                else:
                    ctx.braces.append(False)
            elif text == "}":
                tok = Tok(typ, text, t.loc)
                if ctx.braces:
                    ctx.closed_by = tok
                    if ctx.braces.pop():
                        ctx.pending_pops += 1
            if text != "}":
                tok = Tok(typ, text, t.loc)
        elif kind is NUMBER:
            typ = classify_number(t.text, t.loc)
            tok = Tok(typ, t.text, t.loc)
        elif kind is STRING:
            typ = "STRING_LIT"
            tok = Tok(typ, t.text, t.loc)
        elif kind is CHAR:
            typ = "CHAR_CONST"
            tok = Tok(typ, t.text, t.loc)
        elif kind is IDENTDIR:
            continue
        elif kind is PRAGMA:
            # Dropped where no declaration, statement or member can start
            # (in the middle of an expression, say), as gcc does.
            if "PRAGMA" not in action[stack[-1]] or not accepts(stack, "PRAGMA"):
                continue
            typ = "PRAGMA"
            tok = Tok(typ, t.text, t.loc)
        else:
            _stray(t)
            continue
        last_type = typ
        ctx.last = tok
        # ---- parse: reduce as long as the table says, then shift
        while True:
            act = action[stack[-1]].get(typ)
            if act is None:
                raise ParseError(tok, tables.expected(stack))
            if act >= 0:
                stack.append(act)
                values.append(tok)
                break
            rkind, size, origin, cb = rules[~act]
            if rkind is _UNIT:
                stack[-1] = action[stack[-2]][origin]
                continue
            if size:
                args = values[-size:]
                del values[-size:]
                del stack[-size:]
            else:
                args = []
            values.append(cb(args))
            stack.append(action[stack[-1]][origin])
    # ---- end of input
    end = tables.end
    while True:
        act = action[stack[-1]].get("$END")
        if act is None or act >= 0:
            raise ParseError(None, tables.expected(stack))
        rkind, size, origin, cb = rules[~act]
        if rkind is _UNIT:
            stack[-1] = action[stack[-2]][origin]
        else:
            if size:
                args = values[-size:]
                del values[-size:]
                del stack[-size:]
            else:
                args = []
            values.append(cb(args))
            stack.append(action[stack[-1]][origin])
        if stack[-1] == end:
            return values[-1]


def _stray(t: Any) -> None:
    if t.kind is OTHER:
        text = t.text
        if text in ("'", '"'):
            raise CompileError(t.loc, f"missing terminating {text} character")
        raise CompileError(t.loc, f"stray '{text}' in program")
    raise CompileError(t.loc, f"unexpected token {t.text!r}")
