"""The preprocessor: files, directives, conditional inclusion, #include.

`Preprocessor.run(path)` returns the translation unit's tokens after
translation phase 4 (C11 5.1.1.2). Macro expansion lives in macros.py
(Expander, the base class), dynamic macros and pragmas in builtin.py,
the directive grammar in grammar/preproc.lark (directives.py drives it).
"""
from __future__ import annotations

import os
import sys
from typing import Dict, List, NoReturn, Optional, Set, Tuple

from lcc.diagnostics import CompileError, Diagnostics, Loc
from lcc.preprocess.builtin import BuiltinMixin
from lcc.preprocess.directives import evaluate, parse_directive
from lcc.preprocess.files import FileCache, SourceFile
from lcc.preprocess.lexer import tokenize
from lcc.preprocess.macros import Expander, Macro
from lcc.preprocess.predefined import predefined_macros
from lcc.resources import include_dir
from lcc.target import Target
from lcc.tokens import IDENT, IDENTDIR, NUMBER, PUNCT, STRING, Token

MAX_INCLUDE_DEPTH = 200

# The assertions gcc 12 predefines (only its x86-64 port has any).
_ASSERTIONS = {
    "x86_64": {"cpu": ("x86_64",), "machine": ("x86_64",),
               "system": ("linux", "unix", "posix")},
}


_PREDEFINED_CACHE: Dict[Tuple[str, int, bool, int, bool, int, int, bool],
                        Dict[str, Macro]] = {}


def _predefined(target: Target, std_version: int, gnu: bool,
                optimize: int, optimize_size: bool, pic: int = 2,
                pie: int = 2, gnu_inline: Optional[bool] = None) -> Dict[str, Macro]:
    """The predefined macros as Macro objects, made once per option set
    (a cache: Macros are never changed after they are made)."""
    if gnu_inline is None:
        gnu_inline = std_version == 0
    key = (target.name, std_version, gnu, optimize, optimize_size, pic, pie, gnu_inline)
    macros = _PREDEFINED_CACHE.get(key)
    if macros is None:
        macros = {}
        for name, body in predefined_macros(target, std_version, gnu, optimize, pic,
                                            optimize_size, pie, gnu_inline):
            toks = tokenize(body, "<built-in>")
            for t in toks:
                t.bol = False
            params = None
            if name.endswith(")"):
                # The few function-like ones: __INT64_C(c) and friends.
                name, _, plist = name[:-1].partition("(")
                params = [p.strip() for p in plist.split(",") if p.strip()]
            macros[name] = Macro(name, params, False, toks, None)
        _PREDEFINED_CACHE[key] = macros
    return macros


class Fatal(Exception):
    """A fatal error was printed; preprocessing stops."""


class TokenList(list):
    """The preprocessed tokens, plus what -E output needs to know: the
    system headers, the main file, and the include events as
    (token index, file, line, flag) with gcc's marker flags (1 entering a
    file, 2 returning to one)."""

    system_files: Set[str]
    main_file: str
    events: List[Tuple[int, str, int, str]]


class FileState:
    """One file being read: where we are, its open conditionals, and where
    in the search chain it was found (for #include_next)."""

    __slots__ = ("src", "path", "toks", "pos", "n", "conds", "chain_index", "system")

    def __init__(self, src: SourceFile, chain_index: int, system: bool) -> None:
        self.src = src
        self.path = src.path
        self.toks = src.tokens
        self.pos = 0
        self.n = len(self.toks)
        # Open conditionals: [directive name, a group was taken, #else seen, loc].
        self.conds: List[list] = []
        self.chain_index = chain_index
        self.system = system


class Preprocessor(BuiltinMixin, Expander):
    def __init__(self, opts: object, diags: Diagnostics) -> None:
        Expander.__init__(self)
        BuiltinMixin.__init__(self)
        self.opts = opts
        self.gnu_mode = bool(getattr(opts, "gnu", True))
        # #elifdef/#elifndef: C2x, and a GNU extension before it; strict
        # -std=c11 etc. do not know them (gcc 12).
        self.elifdef_ok = self.gnu_mode or getattr(opts, "std_version", 0) >= 202000
        self.diags = diags
        self.target = getattr(opts, "target")
        self.included_files: List[str] = []
        self._system_files: Set[str] = set()
        self._once: Set[str] = set()
        self._files = FileCache(trigraphs=not getattr(opts, "gnu", True))
        self.out: TokenList = TokenList()
        self.out.system_files = self._system_files
        self.out.events = []
        self.pending: List[Token] = []
        self.fs: Optional[FileState] = None
        self.depth = 0
        self.quote_dirs, self.chain = self._search_dirs()

    # ---- search path ----------------------------------------------------

    def _search_dirs(self) -> Tuple[List[str], List[Tuple[str, bool]]]:
        """gcc's order: -iquote (quote form only); then -I, -isystem, lcc's
        include/, the target's system directories, -idirafter. Missing
        directories are dropped, and so is a non-system directory that
        duplicates a system one (as gcc does)."""
        o = self.opts
        chain: List[Tuple[str, bool]] = [(d, False) for d in getattr(o, "include_dirs")]
        chain += [(d, True) for d in getattr(o, "system_dirs")]
        if not getattr(o, "nostdinc"):
            chain.append((include_dir(), True))
            chain += [(d, True) for d in self.target.include_dirs]
        chain += [(d, True) for d in getattr(o, "after_dirs")]
        system = {os.path.realpath(d) for d, s in chain if s}
        seen: Set[str] = set()
        result: List[Tuple[str, bool]] = []
        for d, s in chain:
            real = os.path.realpath(d)
            if not os.path.isdir(d) or real in seen or (not s and real in system):
                continue
            seen.add(real)
            result.append((d.rstrip("/") or "/", s))
        quote = [d for d in getattr(o, "quote_dirs") if os.path.isdir(d)]
        return quote, result

    def find_include(self, name: str, quote: bool, next_after: Optional[int],
                     cur: Optional[FileState]) -> Optional[Tuple[str, int, bool]]:
        """(path, chain index or -1, system) of an #include operand."""
        if os.path.isabs(name):
            return (name, -1, False) if os.path.isfile(name) else None
        lookup = self._files.lookup
        if next_after is None:
            if quote:
                here = os.path.dirname(cur.path) if cur is not None else ""
                if cur is not None and cur.path == "<stdin>":
                    here = ""
                p = lookup(here, name)
                if p is not None:
                    return p, -1, bool(cur is not None and cur.system)
                for d in self.quote_dirs:
                    p = lookup(d, name)
                    if p is not None:
                        return p, -1, False
            start = 0
        else:
            start = next_after + 1
        for i in range(start, len(self.chain)):
            d, system = self.chain[i]
            p = lookup(d, name)
            if p is not None:
                return p, i, system
        return None

    def is_system_file(self, path: str) -> bool:
        return path in self._system_files

    # ---- diagnostics ------------------------------------------------------

    def error(self, loc: Optional[Loc], msg: str) -> None:
        self.diags.error(loc, msg)

    def fatal(self, loc: Optional[Loc], msg: str) -> NoReturn:
        self.diags.errors += 1
        self.diags.emit("fatal error", loc, msg)
        self.diags.stream.write("compilation terminated.\n")
        raise Fatal()

    # ---- entry point --------------------------------------------------------

    def run(self, path: str) -> TokenList:
        o = self.opts
        self.base_file = path if path != "-" else "<stdin>"
        self.out.main_file = self.base_file
        self.macros.update(_predefined(self.target, getattr(o, "std_version"),
                                       getattr(o, "gnu"), getattr(o, "optimize"),
                                       bool(getattr(o, "optimize_size", False)),
                                       int(getattr(o, "pic", 2)), int(getattr(o, "pie", 2)),
                                       getattr(o, "gnu_inline", None)))
        self.define_builtins()
        try:
            for kind, value in getattr(o, "macro_ops"):
                if kind == "D":
                    name, eq, body = value.partition("=")
                    self._define_text(name, body if eq else "1", "<command-line>")
                else:
                    self.macros.pop(value, None)
            if not getattr(o, "nostdinc"):
                found = self.find_include("stdc-predef.h", False, None, None)
                if found is not None:
                    self._include_file(found[0], found[1], found[2], None)
            for inc in getattr(o, "forced_includes"):
                found = self.find_include(inc, True, None, None)
                if found is None:
                    self.fatal(None, f"{inc}: No such file or directory")
                self._include_file(found[0], found[1], found[2], None)
            if path == "-":
                text = sys.stdin.read()
                self._files.files["<stdin>"] = SourceFile("<stdin>", text,
                                                          self._files.trigraphs)
                path = "<stdin>"
            self._include_file(path, -1, False, None, main=True)
        except Fatal:
            pass
        except CompileError as e:
            self.error(e.loc, e.message)
        return self.out

    def _define_text(self, name: str, body: str, origin: str) -> None:
        toks = tokenize(f"#define {name} {body}", origin)
        for t in toks:
            t.bol = False
        toks[0].bol = True
        try:
            d = parse_directive(toks)
        except CompileError as e:
            self.error(e.loc, e.message)
            return
        if d[0] != "define":
            self.error(None, f"macro names must be identifiers: -D{name}")
            return
        self._do_define(d, toks[0])

    # ---- files --------------------------------------------------------------

    def _include_file(self, path: str, chain_index: int, system: bool,
                      loc: Optional[Loc], main: bool = False) -> None:
        real = os.path.realpath(path)
        if real in self._once:
            return
        try:
            src = self._files.get(path)
        except OSError as e:
            self.fatal(loc, f"{path}: {e.strerror or 'cannot read file'}")
        if src.guard is not None and src.guard in self.macros and not main:
            return
        self.diags.add_source(path, src.text)
        if not main and path not in self.included_files:
            self.included_files.append(path)
        if system:
            self._system_files.add(path)
        if self.depth >= MAX_INCLUDE_DEPTH:
            self.fatal(loc, f"#include nested depth {self.depth} exceeds maximum of "
                            f"{MAX_INCLUDE_DEPTH} (use -fmax-include-depth=DEPTH to increase "
                            "the maximum)")
        outer = self.fs
        fs = FileState(src, chain_index, system)
        self.fs = fs
        self.depth += 1
        events = self.out.events
        if not main:
            events.append((len(self.out), path, 1, " 1"))
        try:
            self._process(fs)
        finally:
            self.depth -= 1
            self.fs = outer
        if outer is not None and loc is not None:
            # Back in the includer, on the line after the #include.
            nxt = outer.toks[outer.pos].loc if outer.pos < outer.n else None
            line = loc.line + 1
            if nxt is not None and nxt.file == loc.file and nxt.line < line:
                line = nxt.line
            events.append((len(self.out), outer.toks[0].loc.file if outer.toks else outer.path,
                           line, " 2"))
        elif not main and outer is None:
            events.append((len(self.out), self.base_file, 1, " 2"))

    def _process(self, fs: FileState) -> None:
        """Translation phase 4 over one file: the hot loop."""
        out = self.out
        append = out.append
        macros = self.macros
        toks = fs.toks
        n = fs.n
        pos = fs.pos
        while pos < n:
            t = toks[pos]
            if t.kind is IDENT:
                if t.text in macros:
                    fs.pos = pos + 1
                    self._expand_from_file(t)
                    toks = fs.toks
                    n = fs.n
                    pos = fs.pos
                    continue
            elif t.bol and t.kind is PUNCT and t.text == "#":
                fs.pos = pos
                self._directive(fs)
                toks = fs.toks
                n = fs.n
                pos = fs.pos
                continue
            append(t)
            pos += 1
        fs.pos = pos
        for c in fs.conds:
            self.error(c[3], f"unterminated #{c[0]}")

    def _expand_from_file(self, t: Token) -> None:
        pending = self.pending
        pending.append(t)
        self.rescan(pending, self.out, True)

    def _same_line_file_token(self) -> Optional[Token]:
        fs = self.fs
        if fs is not None and fs.pos < fs.n and not fs.toks[fs.pos].bol:
            fs.pos += 1
            return fs.toks[fs.pos - 1]
        return None

    def _file_next(self) -> Optional[Token]:
        fs = self.fs
        assert fs is not None
        while fs.pos < fs.n:
            t = fs.toks[fs.pos]
            if t.bol and t.kind is PUNCT and t.text == "#":
                self._directive(fs)
                continue
            fs.pos += 1
            return t
        return None

    # ---- directives -----------------------------------------------------------

    def _directive(self, fs: FileState) -> None:
        toks = fs.toks
        start = fs.pos
        i = start + 1
        n = fs.n
        while i < n and not toks[i].bol:
            i += 1
        fs.pos = i
        line = toks[start:i]
        try:
            d = parse_directive(line)
            self._run_directive(d, line, fs)
        except CompileError as e:
            self.error(e.loc, e.message)

    def _run_directive(self, d: tuple, line: List[Token], fs: FileState) -> None:
        kind = d[0]
        hash_tok = line[0]
        if kind == "define":
            self._do_define(d, hash_tok)
        elif kind == "undef":
            name = d[2]
            if name.text == "defined":
                self.error(name.loc, "\"defined\" cannot be used as a macro name")
            self.macros.pop(name.text, None)
            if d[3]:
                self.diags.pedwarn(d[3][0].loc, "extra tokens at end of #undef directive")
        elif kind in ("include", "include_next", "import"):
            self._do_include(kind, d[2], d[1], fs)
        elif kind == "if":
            self._do_if(d[2], d[1], fs, "if")
        elif kind in ("ifdef", "ifndef"):
            name = d[2]
            if name is None:
                raise CompileError(d[1].loc, f"no macro name given in #{kind} directive")
            if d[3]:
                self.diags.pedwarn(d[3][0].loc, f"extra tokens at end of #{kind} directive")
            val = (name.text in self.macros) == (kind == "ifdef")
            fs.conds.append([kind, val, False, d[1].loc])
            if not val:
                self._skip(fs, False)
        elif kind == "elif" or (kind in ("elifdef", "elifndef") and self.elifdef_ok):
            self._do_elif(d, fs)
        elif kind in ("elifdef", "elifndef"):
            raise CompileError(d[1].loc, f"invalid preprocessing directive #{kind}")
        elif kind == "else":
            if not fs.conds:
                raise CompileError(d[1].loc, "#else without #if")
            c = fs.conds[-1]
            if c[2]:
                raise CompileError(d[1].loc, "#else after #else")
            c[2] = True
            if d[2]:
                self.diags.pedwarn(d[2][0].loc, "extra tokens at end of #else directive")
            if c[1]:
                self._skip(fs, True)
            else:
                c[1] = True
        elif kind == "endif":
            if not fs.conds:
                raise CompileError(d[1].loc, "#endif without #if")
            if d[2]:
                self.diags.pedwarn(d[2][0].loc, "extra tokens at end of #endif directive")
            fs.conds.pop()
        elif kind == "error":
            self.error(d[1].loc, "#error " + _spell(d[2]))
        elif kind == "warning":
            self.diags.warning(d[1].loc, "#warning " + _spell(d[2]))
        elif kind == "pragma":
            tok = self.pragma(d[2], d[1].loc, d[1])
            if tok is not None:
                self.out.append(tok)
        elif kind in ("line", "linemarker"):
            self._do_line(kind, d[2], d[1], line, fs)
        elif kind == "ident":
            # Kept for -E (gcc prints `#ident` back, `#sccs` too) and for the
            # object file's .comment one day; the parser skips it.
            operand = self.expand_list(d[2])
            if not operand or operand[0].kind is not STRING:
                where = operand[0].loc if operand else Loc(
                    d[1].loc.file, d[1].loc.line, d[1].loc.col + len(d[1].text))
                self.error(where, f"invalid #{d[1].text} directive")
            else:
                if len(operand) > 1:
                    self.diags.pedwarn(operand[1].loc,
                                       f"extra tokens at end of #{d[1].text} directive")
                self.out.append(Token(IDENTDIR, operand[0].text, d[1].loc, bol=True))
        elif kind in ("assert", "null"):
            pass
        elif kind == "unknown":
            t = d[1]
            raise CompileError(t.loc, f"invalid preprocessing directive #{t.text}")
        elif kind == "bad":
            self._bad_directive(line, d[2])

    def _bad_directive(self, line: List[Token], tok: Token) -> None:
        name = line[1].text if len(line) > 1 else ""
        if name in ("define", "undef", "ifdef", "ifndef"):
            if len(line) < 3:
                raise CompileError(line[1].loc, f"no macro name given in #{name} directive")
            if line[2].kind is not IDENT:
                raise CompileError(line[2].loc, "macro names must be identifiers")
            if tok.text == "...":
                raise CompileError(tok.loc, "expected ')' after \"...\"")
            if tok.kind is IDENT:
                raise CompileError(tok.loc, "expected ',' or ')', found \"" + tok.text + "\"")
            if tok is line[-1] and tok.text != ")":
                raise CompileError(tok.loc, "expected ')' before end of line")
            raise CompileError(tok.loc, f"expected parameter name, found \"{tok.text}\"")
        raise CompileError(tok.loc, f"invalid #{name} directive")

    def _do_define(self, d: tuple, hash_tok: Token) -> None:
        _, name_tok, params, variadic, body = d
        name = name_tok.text
        if name == "defined":
            raise CompileError(name_tok.loc, "\"defined\" cannot be used as a macro name")
        if params is not None:
            seen: Set[str] = set()
            for p in params:
                if p in seen:
                    raise CompileError(name_tok.loc, f"duplicate macro parameter \"{p}\"")
                seen.add(p)
        if body:
            if body[0].kind is PUNCT and body[0].text == "##":
                raise CompileError(body[0].loc, "'##' cannot appear at either end of a "
                                                "macro expansion")
            if body[-1].kind is PUNCT and body[-1].text == "##":
                raise CompileError(body[-1].loc, "'##' cannot appear at either end of a "
                                                 "macro expansion")
            if params is not None:
                for k, t in enumerate(body):
                    if t.kind is PUNCT and t.text == "#" and (
                            k + 1 >= len(body) or body[k + 1].text not in params
                            and not (variadic and body[k + 1].text == "__VA_OPT__")):
                        raise CompileError(t.loc, "'#' is not followed by a macro parameter")
            elif name_tok.loc.file not in ("<built-in>", "<command-line>") and \
                    not body[0].space:
                self.diags.warning(body[0].loc, "missing whitespace after the macro name")
        if not (variadic and params and params[-1] == "__VA_ARGS__"):
            for t in body:
                if t.text == "__VA_ARGS__" and t.kind is IDENT:
                    self.diags.pedwarn(t.loc, "__VA_ARGS__ can only appear in the expansion "
                                              "of a C99 variadic macro")
                    break
        m = Macro(name, params, variadic, body, name_tok.loc)
        old = self.macros.get(name)
        if old is not None and (old.builtin is not None or not old.same_as(m)):
            if old.builtin == "poison":
                raise CompileError(name_tok.loc, f"attempt to use poisoned \"{name}\"")
            self.diags.pedwarn(name_tok.loc, f"\"{name}\" redefined")
        self.macros[name] = m

    # ---- conditionals -----------------------------------------------------

    def eval_condition(self, rest: List[Token], loc: Loc) -> bool:
        self.in_if = True
        try:
            toks = self.expand_list(rest)
        finally:
            self.in_if = False
        if any(t.kind is PUNCT and t.text == "#" for t in toks):
            toks = self._assertions(toks)
        return evaluate(toks, loc, self.target.char_signed)

    def _assertions(self, toks: List[Token]) -> List[Token]:
        """GCC's obsolete assertions in #if: `#cpu(x86_64)`, `#system`."""
        table = _ASSERTIONS.get(self.target.name, {})
        out: List[Token] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.kind is PUNCT and t.text == "#" and i + 1 < len(toks) \
                    and toks[i + 1].kind is IDENT:
                self.diags.warning(t.loc, "assertions are a deprecated extension")
                answers = table.get(toks[i + 1].text, ())
                i += 2
                if i < len(toks) and toks[i].text == "(":
                    j = i + 1
                    while j < len(toks) and toks[j].text != ")":
                        j += 1
                    answer = "".join(x.text for x in toks[i + 1:j])
                    value = answer in answers
                    i = j + 1
                else:
                    value = bool(answers)
                out.append(Token(NUMBER, "1" if value else "0", t.loc, t.space))
                continue
            out.append(t)
            i += 1
        return out

    def _do_if(self, rest: List[Token], tok: Token, fs: FileState, kind: str) -> None:
        # Push first: an error in the expression still opens the group (as
        # gcc does), which is then skipped.
        entry = [kind, False, False, tok.loc]
        fs.conds.append(entry)
        try:
            val = self.eval_condition(rest, tok.loc)
        except CompileError as e:
            self.error(e.loc, e.message)
            val = False
        entry[1] = val
        if not val:
            self._skip(fs, False)

    def _do_elif(self, d: tuple, fs: FileState) -> None:
        tok = d[1]
        if not fs.conds:
            raise CompileError(tok.loc, "#elif without #if")
        c = fs.conds[-1]
        if c[2]:
            raise CompileError(tok.loc, "#elif after #else")
        if c[1]:
            self._skip(fs, True)
            return
        try:
            if d[0] == "elif":
                val = self.eval_condition(d[2], tok.loc)
            else:
                # C2x #elifdef/#elifndef (gcc 12 accepts them in every mode).
                if d[2] is None:
                    raise CompileError(tok.loc, f"no macro name given in #{d[0]} directive")
                val = (d[2].text in self.macros) == (d[0] == "elifdef")
        except CompileError as e:
            self.error(e.loc, e.message)
            val = False
        if val:
            c[1] = True
        else:
            self._skip(fs, False)

    def _skip(self, fs: FileState, to_endif: bool) -> None:
        """Skip a group: move to the #else/#elif/#endif that ends it (to the
        #endif when to_endif), leaving that directive to be run."""
        from bisect import bisect_left

        toks = fs.toks
        n = fs.n
        hashes = fs.src.hashes if fs.toks is fs.src.tokens else [
            i for i, t in enumerate(toks) if t.bol and t.kind is PUNCT and t.text == "#"]
        depth = 0
        for i in hashes[bisect_left(hashes, fs.pos):]:
            if i + 1 >= n or toks[i + 1].bol:
                continue
            d = toks[i + 1].text
            if d in ("if", "ifdef", "ifndef"):
                depth += 1
            elif d == "endif":
                if depth == 0:
                    fs.pos = i
                    return
                depth -= 1
            elif depth == 0 and (d in ("else", "elif") or
                                 d in ("elifdef", "elifndef") and self.elifdef_ok):
                if not to_endif:
                    fs.pos = i
                    return
                # Skipped to the #endif, but the group's structure is still
                # checked, as gcc does.
                c = fs.conds[-1] if fs.conds else None
                if c is not None:
                    if c[2]:
                        self.error(toks[i + 1].loc, f"#{d} after #else")
                    if d == "else":
                        c[2] = True
        fs.pos = n

    # ---- #include ------------------------------------------------------------

    def _header_name(self, rest: List[Token], loc: Loc) -> Tuple[str, bool]:
        """The file named by an #include operand, and whether it is the
        quote form; a computed include is macro-expanded first."""
        for attempt in (0, 1):
            if rest:
                first = rest[0]
                if first.kind is STRING and first.text.startswith('"'):
                    return first.text[1:-1], True
                if first.kind is PUNCT and first.text == "<":
                    parts: List[str] = []
                    for t in rest[1:]:
                        if t.kind is PUNCT and t.text == ">":
                            return "".join(parts), False
                        if t.space and parts:
                            parts.append(" ")
                        parts.append(t.text)
                    # `#include <stddef.h` with `#define h h>`: the `>` may
                    # come from a macro, so expand and look again.
                    if attempt == 1:
                        raise CompileError(loc, "missing terminating > character")
            if attempt == 0 and rest:
                rest = self.expand_list(rest)
        raise CompileError(loc, "#include expects \"FILENAME\" or <FILENAME>")

    def _do_include(self, kind: str, rest: List[Token], tok: Token, fs: FileState) -> None:
        name, quote = self._header_name(rest, tok.loc)
        if not name:
            raise CompileError(tok.loc, "empty filename in #include")
        if self.collecting:
            raise CompileError(tok.loc, f"#{kind} inside macro arguments is not supported")
        next_after: Optional[int] = None
        if kind == "include_next":
            # Search on after the directory where this file was found; a
            # file not found through the chain searches the whole chain.
            next_after = fs.chain_index if fs.chain_index >= 0 else None
        found = self.find_include(name, quote and next_after is None, next_after, fs)
        if found is None:
            self.fatal(rest[0].loc if rest else tok.loc, f"{name}: No such file or directory")
            return
        path, index, system = found
        if kind == "import":
            self._once.add(os.path.realpath(path))
        self._include_file(path, index, system, tok.loc)

    # ---- #line ---------------------------------------------------------------

    def _do_line(self, kind: str, rest: List[Token], tok: Token, line: List[Token],
                 fs: FileState) -> None:
        if kind == "line":
            rest = self.expand_list(rest)
        if not rest or rest[0].kind is not NUMBER or not rest[0].text.isdigit():
            bad = rest[0].text if rest else ""
            raise CompileError(rest[0].loc if rest else tok.loc,
                               f"\"{bad}\" after #line is not a positive integer")
        number = int(rest[0].text)
        if number > 2147483647 and kind == "line":
            self.diags.pedantic(rest[0].loc, "line number out of range")
        filename: Optional[str] = None
        if len(rest) > 1:
            if rest[1].kind is not STRING or not rest[1].text.startswith('"'):
                raise CompileError(rest[1].loc, f"invalid filename \"{rest[1].text}\"")
            filename = rest[1].text[1:-1].replace("\\\\", "\\").replace('\\"', '"')
            flags = [t.text for t in rest[2:]]
            if "3" in flags:
                self._system_files.add(filename)
                fs.system = True
        # The next source line gets `number`: renumber the rest of the file.
        last_line = line[-1].loc.line
        delta = number - (last_line + 1)
        old_file = fs.toks[fs.pos].loc.file if fs.pos < fs.n else fs.path
        new_file = filename if filename is not None else old_file
        tail = [Token(t.kind, t.text, Loc(new_file, t.loc.line + delta, t.loc.col), t.space,
                      t.bol, t.hideset) for t in fs.toks[fs.pos:]]
        fs.toks = fs.toks[:fs.pos] + tail
        fs.n = len(fs.toks)
        if filename is not None and fs.system:
            self._system_files.add(new_file)


def _spell(toks: List[Token]) -> str:
    parts: List[str] = []
    for t in toks:
        if parts and t.space:
            parts.append(" ")
        parts.append(t.text)
    return "".join(parts)
