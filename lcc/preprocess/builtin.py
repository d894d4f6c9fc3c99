"""Dynamic macros (__LINE__, __FILE__, __COUNTER__, ...), the operators
that only #if knows (__has_include, __has_attribute, __has_builtin, ...),
_Pragma, and the #pragma directives the preprocessor handles itself."""
from __future__ import annotations

import os
import time
from typing import Any, Callable, Dict, List, Optional, Set

from lcc.builtins import is_builtin
from lcc.diagnostics import CompileError, Loc
from lcc.preprocess.lexer import tokenize
from lcc.preprocess.macros import Macro
from lcc.tokens import IDENT, NUMBER, PRAGMA, PUNCT, STRING, Token

_DYNAMIC = ("__FILE__", "__LINE__", "__COUNTER__", "__INCLUDE_LEVEL__", "__BASE_FILE__",
            "__DATE__", "__TIME__", "__TIMESTAMP__", "_Pragma", "__has_include",
            "__has_include_next", "__has_attribute", "__has_cpp_attribute",
            "__has_builtin", "__has_feature", "__has_extension", "__has_c_attribute")

# Attributes gcc 12 knows for C, for __has_attribute. Written by hand from
# gcc's documentation (Function, Variable, Type and Statement Attributes).
_ATTRIBUTES = frozenset("""
access alias aligned alloc_align alloc_size always_inline artificial assume_aligned
cleanup cold common const constructor copy deprecated designated_init destructor
error externally_visible fallthrough flatten format format_arg gnu_inline hot ifunc
interrupt leaf malloc may_alias mode no_icf no_instrument_function no_profile_instrument_function
no_reorder no_sanitize no_sanitize_address no_sanitize_thread no_sanitize_undefined
no_split_stack no_stack_limit noclone nocommon noinit noinline noipa nonnull nonstring
noplt noreturn nothrow optimize packed patchable_function_entry persistent pure
retain returns_nonnull returns_twice scalar_storage_order section sentinel
simd stack_protect symver target target_clones tls_model transparent_union unavailable
unused used vector_size visibility warn_if_not_aligned warn_unused_result warning weak
weakref zero_call_used_regs fd_arg fd_arg_read fd_arg_write nodiscard maybe_unused
""".split())

# Keyword-like builtins (not functions, so not in lcc.builtins).
_KEYWORD_BUILTINS = frozenset("""
__builtin_offsetof __builtin_va_arg __builtin_types_compatible_p __builtin_choose_expr
__builtin_convertvector __builtin_shufflevector __builtin_complex __builtin_tgmath
__builtin_has_attribute __builtin_call_with_static_chain
""".split())


def _strip_underscores(name: str) -> str:
    if len(name) > 4 and name.startswith("__") and name.endswith("__"):
        return name[2:-2]
    return name


def _string_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class BuiltinMixin:
    """Part of the Preprocessor (see core.py) that knows the dynamic
    macros and pragmas."""

    macros: Dict[str, Macro]
    in_if: bool
    depth: int
    base_file: str
    fs: Any
    diags: Any
    opts: Any
    _once: Set[str]
    _system_files: Set[str]
    # Provided by Expander (macros.py), later in the MRO.
    _next: Callable[[List[Token], bool], Optional[Token]]
    expand_list: Callable[[List[Token]], List[Token]]

    def __init__(self) -> None:
        self.counter = 0
        self._saved_macros: Dict[str, List[Optional[Macro]]] = {}
        now = time.localtime()
        self._date = '"%s %2d %d"' % (time.strftime("%b", now), now.tm_mday, now.tm_year)
        self._time = time.strftime('"%H:%M:%S"', now)

    def define_builtins(self) -> None:
        for name in _DYNAMIC:
            self.macros[name] = Macro(name, None, False, [], None, builtin=name)

    # Provided by Preprocessor (core.py).
    def find_include(self, name: str, quote: bool, next_after: Optional[int],
                     cur: Any) -> Any:
        raise NotImplementedError

    def _builtin(self, m: Macro, t: Token, pending: List[Token], from_file: bool,
                 out: List[Token]) -> Optional[List[Token]]:
        """Expand dynamic macro m at t; None leaves t as it is."""
        name = m.builtin
        loc = t.loc
        if name == "__LINE__":
            return [Token(NUMBER, str(loc.line), loc, t.space)]
        if name == "__FILE__":
            return [Token(STRING, _string_literal(loc.file), loc, t.space)]
        if name == "__COUNTER__":
            self.counter += 1
            return [Token(NUMBER, str(self.counter - 1), loc, t.space)]
        if name == "__INCLUDE_LEVEL__":
            return [Token(NUMBER, str(max(self.depth - 1, 0)), loc, t.space)]
        if name == "__BASE_FILE__":
            return [Token(STRING, _string_literal(self.base_file), loc, t.space)]
        if name == "__DATE__":
            return [Token(STRING, self._date, loc, t.space)]
        if name == "__TIME__":
            return [Token(STRING, self._time, loc, t.space)]
        if name == "__TIMESTAMP__":
            try:
                stamp = time.strftime("%a %b %d %H:%M:%S %Y",
                                      time.localtime(os.path.getmtime(loc.file)))
            except OSError:
                stamp = "??? ??? ?? ??:??:?? ????"
            return [Token(STRING, f'"{stamp}"', loc, t.space)]
        if name == "poison":
            raise CompileError(loc, f"attempt to use poisoned \"{t.text}\"")
        if name == "_Pragma":
            return self._pragma_operator(t, pending, from_file, out)
        if not self.in_if:
            # gcc: "__has_include" used outside of preprocessing directive.
            return None
        args = self._paren_args(t, pending, from_file)
        if name in ("__has_include", "__has_include_next"):
            return [self._has_include(t, args, name == "__has_include_next")]
        if len(args) == 3 and args[1].kind is PUNCT and args[1].text == "::":
            args = args[2:]
        if len(args) == 4 and args[1].text == ":" and args[2].text == ":":
            args = args[3:]
        if len(args) != 1 or args[0].kind is not IDENT:
            raise CompileError(loc, f"macro \"{name}\" requires an identifier")
        word = args[0].text
        value = 0
        if name == "__has_attribute":
            value = 1 if _strip_underscores(word) in _ATTRIBUTES else 0
        elif name == "__has_builtin":
            value = 1 if (is_builtin(word) or word in _KEYWORD_BUILTINS) else 0
        elif name == "__has_c_attribute":
            value = {"deprecated": 201904, "fallthrough": 201904, "maybe_unused": 201904,
                     "nodiscard": 202003}.get(_strip_underscores(word), 0)
        return [Token(NUMBER, str(value), loc, t.space)]

    def _paren_args(self, t: Token, pending: List[Token], from_file: bool) -> List[Token]:
        """The tokens between `(` and the matching `)` after t."""
        nxt = self._next(pending, from_file)
        if nxt is None or nxt.text != "(":
            raise CompileError(t.loc, f"missing '(' after \"{t.text}\"")
        depth = 0
        args: List[Token] = []
        while True:
            a = self._next(pending, from_file)
            if a is None:
                raise CompileError(t.loc, f"missing ')' after \"{t.text}\" operand")
            if a.kind is PUNCT:
                if a.text == "(":
                    depth += 1
                elif a.text == ")":
                    if depth == 0:
                        return args
                    depth -= 1
            args.append(a)

    def _has_include(self, t: Token, args: List[Token], nxt: bool) -> Token:
        name: Optional[str] = None
        quote = False
        for attempt in (0, 1):
            if args and args[0].kind is STRING and args[0].text.startswith('"'):
                name, quote = args[0].text[1:-1], True
                break
            if args and args[0].text == "<" and args[-1].text == ">":
                parts: List[str] = []
                for a in args[1:-1]:
                    if a.space and parts:
                        parts.append(" ")
                    parts.append(a.text)
                name = "".join(parts)
                break
            if attempt == 0:
                args = self.expand_list(args)
        if name is None:
            raise CompileError(t.loc, f"operator \"{t.text}\" requires a header-name")
        fs = self.fs
        next_after = None
        if nxt and fs is not None and fs.chain_index >= 0:
            next_after = fs.chain_index
        found = self.find_include(name, quote and next_after is None, next_after, fs)
        return Token(NUMBER, "1" if found is not None else "0", t.loc, t.space)

    # ---- pragmas ---------------------------------------------------------

    def _pragma_operator(self, t: Token, pending: List[Token], from_file: bool,
                         out: List[Token]) -> Optional[List[Token]]:
        """_Pragma("...") (C11 6.10.9): destringize and run as #pragma."""
        if self.in_if:
            raise CompileError(t.loc, "_Pragma is not allowed in #if")
        args = self._paren_args(t, pending, from_file)
        if len(args) != 1 or args[0].kind is not STRING:
            # The operand may come from a macro, e.g. _Pragma(STR(x)).
            args = self.expand_list(args)
        if len(args) != 1 or args[0].kind is not STRING:
            raise CompileError(t.loc, "_Pragma takes a parenthesized string literal")
        text = args[0].text
        text = text[text.index('"') + 1:-1].replace('\\"', '"').replace("\\\\", "\\")
        toks = tokenize(text, t.loc.file)
        for x in toks:
            x.loc = t.loc
        tok = self.pragma(toks, t.loc, t)
        if tok is not None:
            out.append(tok)
        return []

    def pragma(self, toks: List[Token], loc: Loc, at: Token) -> Optional[Token]:
        """Run a pragma the preprocessor owns; return the PRAGMA token to pass
        on for any other."""
        words = [x.text for x in toks]
        fs = self.fs
        if words[:1] == ["once"]:
            if fs is not None:
                self._once.add(os.path.realpath(fs.path))
            return None
        if words[:2] == ["GCC", "system_header"]:
            if fs is not None and self.depth > 1:
                fs.system = True
                self._system_files.add(fs.path)
            return None
        if words[:2] == ["GCC", "poison"]:
            for x in toks[2:]:
                if x.kind is IDENT:
                    self.macros[x.text] = Macro(x.text, None, False, [], x.loc, builtin="poison")
            return None
        if words[:1] in (["push_macro"], ["pop_macro"]) and len(toks) >= 4 \
                and toks[2].kind is STRING:
            name = toks[2].text[1:-1]
            stack = self._saved_macros.setdefault(name, [])
            if words[0] == "push_macro":
                stack.append(self.macros.get(name))
            elif stack:
                m = stack.pop()
                if m is None:
                    self.macros.pop(name, None)
                else:
                    self.macros[name] = m
            return None
        if words[:2] in (["GCC", "warning"], ["GCC", "error"]):
            msg = " ".join(x.text for x in toks[2:])
            if len(toks) > 2 and toks[2].kind is STRING:
                msg = toks[2].text[1:-1]
            if words[1] == "warning":
                self.diags.warning(loc, msg)
            else:
                self.diags.error(loc, msg)
            return None
        if words[:2] == ["GCC", "dependency"]:
            return None
        parts: List[str] = []
        for x in toks:
            if parts and x.space:
                parts.append(" ")
            parts.append(x.text)
        return Token(PRAGMA, "".join(parts), at.loc, True, True)
