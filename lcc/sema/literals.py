"""Decoding of constants as written (C11 6.4.4, 6.4.5): integer constants
and their types, floating constants, character constants and string
literals with their escapes."""
from __future__ import annotations

from typing import List, Optional, Tuple

_SIMPLE = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "e": 27, "E": 27,
           "\\": 92, "'": 39, '"': 34, "?": 63}


def split_int(text: str) -> Tuple[Optional[int], str, bool]:
    """(value, lower-case suffix, is_decimal); value None when malformed."""
    t = text.replace("'", "")
    low = t.lower()
    i = len(low)
    while i > 0 and low[i - 1] in "ulij":
        i -= 1
    digits, suffix = t[:i], low[i:]
    try:
        if low.startswith("0x"):
            v = int(digits[2:], 16)
        elif low.startswith("0b"):
            v = int(digits[2:], 2)
        elif digits.startswith("0") and len(digits) > 1:
            v = int(digits[1:], 8)
        else:
            v = int(digits, 10)
    except ValueError:
        return None, suffix, True
    return v, suffix, not (low.startswith("0") and len(digits) > 1 or low.startswith("0x"))


def int_type_candidates(suffix: str, decimal: bool) -> Optional[List[str]]:
    """The list of C11 6.4.4.1 candidate types for a suffix (LP64: long and
    long long have the same range, so only the kinds matter)."""
    s = suffix.replace("i", "").replace("j", "")
    u = "u" in s
    ll = "ll" in s
    l_ = "l" in s and not ll
    if s.count("u") > 1 or len(s) - s.count("u") > 2 or (s.replace("u", "") not in ("", "l", "ll")):
        return None
    if u:
        if ll:
            return ["unsigned long long"]
        if l_:
            return ["unsigned long"]
        return ["unsigned int", "unsigned long"]
    if decimal:
        if ll:
            return ["long long", "unsigned long long"]
        if l_:
            return ["long", "unsigned long"]
        return ["int", "long", "unsigned long"]
    if ll:
        return ["long long", "unsigned long long"]
    if l_:
        return ["long", "unsigned long"]
    return ["int", "unsigned int", "long", "unsigned long"]


def parse_float(text: str) -> Tuple[Optional[float], str, bool]:
    """(value, kind "float"|"double"|"long double", imaginary)."""
    t = text.replace("'", "").lower()
    imag = False
    kind = "double"
    while t and t[-1] in "ij":
        imag = True
        t = t[:-1]
    for suf, k in (("f128", "_Float128"), ("f64x", "long double"), ("f32x", "double"),
                   ("f16", "float"), ("f32", "float"), ("f64", "double"), ("dd", "double"),
                   ("df", "float"), ("dl", "long double"), ("w", "long double"),
                   ("q", "_Float128")):
        if t.endswith(suf) and not (suf == "f16" and t.startswith("0x") is False and False):
            t = t[: -len(suf)]
            kind = k
            break
    else:
        if t.endswith("f") and not t.startswith("0x"):
            kind, t = "float", t[:-1]
        elif t.endswith("f") and "p" in t:
            kind, t = "float", t[:-1]
        elif t.endswith("l"):
            kind, t = "long double", t[:-1]
    while t and t[-1] in "ij":
        imag = True
        t = t[:-1]
    try:
        if t.startswith("0x"):
            v = float.fromhex(t)
        else:
            v = float(t)
    except (ValueError, OverflowError):
        return None, kind, imag
    return v, kind, imag


def _decode_body(body: str, wide: bool, unit_bits: int = 8
                 ) -> Tuple[List[int], List[Tuple[str, str]]]:
    """Code units of a literal's body: for narrow literals UTF-8 bytes
    (escapes give raw values), for wide ones code points. Also the problems
    found, as (kind, message): kind "E" for an error, "P" for a pedwarn."""
    out: List[int] = []
    probs: List[Tuple[str, str]] = []
    limit = (1 << unit_bits) - 1
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            if wide or ord(c) < 128:
                out.append(ord(c))
            else:
                out.extend(c.encode("utf-8", "surrogateescape"))
            i += 1
            continue
        i += 1
        if i >= n:
            probs.append(("E", "missing terminating character"))
            break
        c = body[i]
        if c in _SIMPLE:
            if c in "eE":
                probs.append(("p", f"non-ISO-standard escape sequence, '\\{c}'"))
            out.append(_SIMPLE[c])
            i += 1
        elif c in "01234567":
            j = i
            while j < n and j < i + 3 and body[j] in "01234567":
                j += 1
            v = int(body[i:j], 8)
            if v > limit:
                probs.append(("P", "octal escape sequence out of range"))
            out.append(v & limit)
            i = j
        elif c == "x":
            j = i + 1
            while j < n and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                probs.append(("E", "\\x used with no following hex digits"))
                i = j
                continue
            v = int(body[i + 1:j], 16)
            if v > limit:
                probs.append(("P", "hex escape sequence out of range"))
            out.append(v & limit)
            i = j
        elif c in "uU":
            k = 4 if c == "u" else 8
            j = i + 1
            while j < n and j < i + 1 + k and body[j] in "0123456789abcdefABCDEF":
                j += 1
            h = body[i + 1:j]
            if len(h) < k:
                probs.append(("E", f"incomplete universal character name \\{c}{h}"))
                i = j
                continue
            cp = int(h, 16)
            i = j
            if (cp < 0xA0 and cp not in (0x24, 0x40, 0x60)) or 0xD800 <= cp <= 0xDFFF \
                    or cp > 0x10FFFF:
                probs.append(("E", f"\\{c}{h} is not a valid universal character"))
                continue
            if wide:
                out.append(cp)
            else:
                out.extend(chr(cp).encode("utf-8", "surrogatepass"))
        else:
            probs.append(("P", f"unknown escape sequence: '\\{c}'"))
            out.append(ord(c))
            i += 1
    return out, probs


def literal_prefix(text: str) -> Tuple[str, str]:
    """("", "L", "u", "U" or "u8"), body without quotes."""
    q = text.find("'") if text.find("'") >= 0 and (text.find('"') < 0 or
                                                   text.find("'") < text.find('"')) \
        else text.find('"')
    return text[:q], text[q + 1:-1]


_BITS = {"": 8, "u8": 8, "u": 16, "U": 32, "L": 32}


def decode_char(text: str) -> Tuple[str, List[int], List[Tuple[str, str]]]:
    prefix, body = literal_prefix(text)
    units, probs = _decode_body(body, prefix in ("L", "u", "U"), _BITS.get(prefix, 8))
    return prefix, units, probs


def decode_string(pieces: List[str]) -> Tuple[str, List[int], List[Tuple[str, str]]]:
    """Concatenate adjacent literals (6.4.5p5): the result has the prefix of
    any prefixed piece; mixing different prefixes is an error (flag False)."""
    prefix = ""
    units: List[int] = []
    probs: List[Tuple[str, str]] = []
    for p in pieces:
        pre, body = literal_prefix(p)
        if pre and pre != "u8":
            if prefix and prefix != "u8" and prefix != pre:
                probs.append(("E", "unsupported non-standard concatenation of string "
                                   "literals"))
            prefix = pre
        elif pre == "u8" and not prefix:
            prefix = "u8"
    wide = prefix in ("L", "u", "U")
    for p in pieces:
        _, body = literal_prefix(p)
        u, pr = _decode_body(body, wide, _BITS.get(prefix, 8))
        probs.extend(pr)
        if wide and prefix == "u":
            # UTF-16: split code points above the BMP into surrogates.
            for cp in u:
                if cp > 0xFFFF:
                    cp -= 0x10000
                    units.extend((0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)))
                else:
                    units.append(cp)
        else:
            units.extend(u)
    return prefix, units, probs
