"""Typing of constants (C11 6.4.4, 6.4.5): integer constants get the first
type of their C11 list that holds the value, floating constants their
suffix's type, character constants int (or wchar_t, char16_t, char32_t),
string literals an array of the element type sized by their decoded value.
Escape problems found by literals.py are reported here."""
from __future__ import annotations

from typing import Any

from lcc import ast
from lcc.sema.literals import (
    decode_char, decode_string, int_type_candidates, parse_float, split_int,
)
from lcc.sema.types import ArrayType, FloatType


class LiteralMixin:
    """Part of the Analyzer (see core.py)."""

    # ------------------------------------------------------------- literals
    def e_IntLit(self, e: ast.IntLit) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        v, suffix, dec = split_int(e.text)
        cands = int_type_candidates(suffix, dec)
        if v is None or cands is None:
            self.error(e.loc, f"invalid suffix \"{suffix}\" on integer constant"  # type: ignore
                       if v is not None else f"invalid integer constant '{e.text}'")
            e.value, e.type = 0, ts.int_
            return e
        t = None
        for c in cands:
            ct = ts.ints[c]
            if v <= ct.min_max()[1]:
                t = ct
                break
        if t is None:
            if v > ts.ullong.min_max()[1]:
                self.pedwarn(e.loc, "integer constant is too large for its type")  # type: ignore
                v &= (1 << 64) - 1
            t = ts.ullong if "ll" in suffix else ts.ulong
        if e.text[:2] in ("0b", "0B"):
            self.pedantic(e.loc, "binary constants are a C2X feature or GCC extension")  # type: ignore
        e.value = v
        e.type = t
        if "i" in suffix or "j" in suffix:
            e.type = FloatType("double", True)
        return e

    def e_FloatLit(self, e: ast.FloatLit) -> Any:
        v, kind, imag = parse_float(e.text)
        if v is None:
            self.error(e.loc, f"invalid floating constant '{e.text}'")  # type: ignore
            v = 0.0
        e.value = v
        e.type = FloatType(kind, imag) if imag else {
            "float": self.ts.float_, "double": self.ts.double,  # type: ignore[attr-defined]
            "long double": self.ts.ldouble,  # type: ignore[attr-defined]
            "_Float128": self.ts.float128}[kind]  # type: ignore[attr-defined]
        return e

    def e_CharLit(self, e: ast.CharLit) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        prefix, units, probs = decode_char(e.text)
        self.literal_problems(e.loc, probs)
        if not units:
            self.error(e.loc, "empty character constant")  # type: ignore
            units = [0]
        if prefix == "L":
            t, v = ts.wchar, ts.wchar.wrap(units[-1])
        elif prefix == "u":
            t, v = ts.char16, units[-1] & 0xFFFF
        elif prefix == "U":
            t, v = ts.char32, units[-1] & 0xFFFFFFFF
        elif prefix == "u8":
            t, v = ts.uchar, units[-1] & 0xFF
        else:
            t = ts.int_
            if len(units) == 1:
                v = ts.char.wrap(units[0])
            else:
                v = 0
                for u in units:
                    v = (v << 8) | (u & 0xFF)
                v = ts.int_.wrap(v)
        e.type, e.value = t, v
        return e

    def e_StringLit(self, e: ast.StringLit) -> Any:
        ts = self.ts  # type: ignore[attr-defined]
        prefix, units, probs = decode_string(list(e.pieces))
        self.literal_problems(e.loc, probs)
        elem = {"L": ts.wchar, "u": ts.char16, "U": ts.char32}.get(prefix, ts.char)
        if prefix in ("L", "u", "U"):
            e.value = units + [0]
        else:
            e.value = bytes(u & 0xFF for u in units) + b"\0"
        e.type = ArrayType(elem, len(e.value))
        return e

    def literal_problems(self, loc: Any, probs: Any) -> None:
        for kind, msg in probs:
            if kind == "E":
                self.error(loc, msg)  # type: ignore[attr-defined]
            elif kind == "P":
                self.pedwarn(loc, msg)  # type: ignore[attr-defined]
            else:
                self.pedantic(loc, msg)  # type: ignore[attr-defined]
