"""lcc's parser: grammar/c11.lark run by Lark's LALR parser.

    parse(tokens, opts, diags) -> ast.TranslationUnit
    parse_tree(tokens, opts, diags) -> lark.Tree      (for --dump-parse)

`tokens` are the preprocessor's pp-tokens (lcc.tokens.Token). The lexer
(lcc/parse/lexer.py) turns them into terminals and keeps the typedef scope
table; the builder (lcc/parse/builder.py) makes AST nodes during the parse.
A syntax error raises CompileError with a gcc-style message (errors.py).
"""
from __future__ import annotations

import gc
from typing import Any, Dict, List, Optional

from lark import Lark, Token, Tree

from lcc import ast
from lcc.parse.builder import ASTBuilder
from lcc.parse.errors import syntax_error
from lcc.parse.lalr import ParseError, Tables, run
from lcc.parse.lexer import CLexer, ParseContext, Tok
from lcc.resources import grammar_path

__all__ = ["parse", "parse_tree", "get_parser"]

# Typedef names gcc predefines.
PREDEFINED_TYPEDEFS = ("__int128_t", "__uint128_t", "__builtin_ms_va_list")

# Parsers built once per process (grammar analysis is the slow part; the
# LALR tables are also cached on disk by Lark).
_PARSERS: Dict[str, Any] = {}


def _grammar_text() -> str:
    with open(grammar_path("c11.lark"), encoding="utf-8") as f:
        return f.read()


class _TreeBuilder:
    """Transformer for --dump-parse: every rule makes a lark Tree (carrying
    the AST value in `.ast`) while the AST builder's callbacks still run, so
    the scope table is kept exactly as in a normal parse."""

    def __init__(self, inner: ASTBuilder) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        method = getattr(self.inner, name, None)

        def callback(children: List[Any]) -> Any:
            values = [c.ast if isinstance(c, _ATree) else c for c in children]
            value = method(values) if method is not None else None
            kids = [Token(c.type, c.value) if type(c) is Tok else c for c in children]
            t = _ATree(name, kids)
            t.ast = value
            return t
        return callback


class _ATree(Tree):
    __slots__ = ("ast",)
    ast: Any


def get_parser(tree: bool = False) -> Any:
    """The Lark parser (with its builder) for AST or tree output."""
    key = "tree" if tree else "ast"
    entry = _PARSERS.get(key)
    if entry is None:
        builder = ASTBuilder()
        transformer: Any = _TreeBuilder(builder) if tree else builder
        lark = Lark(_grammar_text(), parser="lalr", lexer=CLexer, transformer=transformer,
                    keep_all_tokens=True, maybe_placeholders=False, start="start",
                    cache=True)
        entry = (Tables(lark), builder)
        _PARSERS[key] = entry
    return entry


def _context(tables: Tables, tokens: List[Any], opts: Any) -> ParseContext:
    gnu = bool(getattr(opts, "gnu", True)) if opts is not None else True
    version = getattr(opts, "std_version", 201710) if opts is not None else 201710
    ctx = ParseContext(tokens, tables.keyword_tables[gnu, version >= 199901])
    if opts is not None:
        inputs = getattr(opts, "inputs", [])
        ctx.filename = inputs[0] if len(inputs) == 1 else None
    for name in PREDEFINED_TYPEDEFS:
        ctx.declare(name, True)
    return ctx


def _run(tokens: List[Any], opts: Any, diags: Any, tree: bool) -> Any:
    tables, builder = get_parser(tree)
    ctx = _context(tables, tokens, opts)
    ctx.diags = diags
    builder.ctx = ctx
    # The parse allocates millions of objects and frees almost none, which
    # makes CPython's cyclic collector run often for nothing: 25-40% of
    # the parse time on sqlite3.c. Nothing made here needs it.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return run(tables, ctx)
    except ParseError as e:
        raise syntax_error(e, ctx, tables.literals) from None
    finally:
        if was_enabled:
            gc.enable()


def parse(tokens: List[Any], opts: Any = None, diags: Optional[Any] = None
          ) -> ast.TranslationUnit:
    """Parse a translation unit's pp-tokens into the AST."""
    return _run(tokens, opts, diags, False)


def parse_tree(tokens: List[Any], opts: Any = None, diags: Optional[Any] = None) -> Tree:
    """Parse into Lark's tree (rule names and tokens), for --dump-parse."""
    result = _run(tokens, opts, diags, True)
    return result
