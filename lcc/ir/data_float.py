"""Floating constants as bytes: IEEE binary32/binary64 and the x87 80-bit
extended format (stored in 16 bytes, 6 of them padding), rounded to nearest
even from exact rational values.

Python floats are doubles, so a `long double` literal such as 0.1L must not
go through one: `exact_value` re-reads literals from their source text as
fractions and rounds them to their own type, as gcc does.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Optional, Tuple, Union

from lcc import ast

Real = Union[float, Fraction]

# size -> (precision incl. the leading bit, minimum normal exponent, maximum
# exponent, exponent bias, exponent bits)
_FORMATS = {
    4: (24, -126, 127, 127, 8),
    8: (53, -1022, 1023, 1023, 11),
    16: (64, -16382, 16383, 16383, 15),
}


def _round(q: Fraction, size: int) -> Tuple[int, int]:
    """q > 0 rounded to the format: (unbiased exponent, integer significand m
    with value m * 2**(e - p + 1)); e = emax + 1 means infinity."""
    p, emin, emax, _, _ = _FORMATS[size]
    e = q.numerator.bit_length() - q.denominator.bit_length()
    if Fraction(2) ** e > q:
        e -= 1
    # now 2**e <= q < 2**(e+1)
    if e < emin:
        e = emin
    scaled = q * Fraction(2) ** (p - 1 - e)
    m = scaled.numerator // scaled.denominator
    rem = scaled - m
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and m & 1):
        m += 1
    if m == 1 << p:
        m >>= 1
        e += 1
    if e > emax:
        return emax + 1, 0
    return e, m


def round_to(q: Fraction, size: int) -> Optional[Fraction]:
    """The value q takes in a float of `size` bytes; None if it overflows."""
    if q == 0:
        return q
    e, m = _round(abs(q), size)
    p = _FORMATS[size][0]
    if e > _FORMATS[size][2]:
        return None
    v = m * Fraction(2) ** (e - p + 1)
    return v if q > 0 else -v


def encode_float(v: Real, size: int) -> bytes:
    """The little-endian bytes of v in the float format of `size` bytes (16:
    x87 extended plus 6 zero bytes)."""
    p, emin, emax, bias, ebits = _FORMATS[size]
    neg = False
    if isinstance(v, float):
        if math.isnan(v):
            neg = math.copysign(1.0, v) < 0
            if size == 16:
                return _x87(neg, 0x7FFF, 0xC000000000000000)
            # quiet NaN: top fraction bit set
            bits = ((1 << ebits) - 1) << (p - 1) | 1 << (p - 2)
            return _ieee(neg, bits, size)
        neg = math.copysign(1.0, v) < 0
        if math.isinf(v):
            return _inf(neg, size)
        q = Fraction(abs(v))
    else:
        neg = v < 0
        q = abs(v)
    if q == 0:
        return _x87(neg, 0, 0) if size == 16 else _ieee(neg, 0, size)
    e, m = _round(q, size)
    if e > emax:
        return _inf(neg, size)
    normal = m >> (p - 1) != 0
    bexp = e + bias if normal else 0
    if size == 16:
        return _x87(neg, bexp, m)
    frac = m & ((1 << (p - 1)) - 1)
    return _ieee(neg, bexp << (p - 1) | frac, size)


def _inf(neg: bool, size: int) -> bytes:
    p, _, _, _, ebits = _FORMATS[size]
    if size == 16:
        return _x87(neg, 0x7FFF, 1 << 63)
    return _ieee(neg, ((1 << ebits) - 1) << (p - 1), size)


def _ieee(neg: bool, bits: int, size: int) -> bytes:
    if neg:
        bits |= 1 << (8 * size - 1)
    return bits.to_bytes(size, "little")


def _x87(neg: bool, bexp: int, mant: int) -> bytes:
    top = bexp | (0x8000 if neg else 0)
    return mant.to_bytes(8, "little") + top.to_bytes(2, "little") + bytes(6)


# ------------------------------------------------------- exact literal values
def parse_float_text(text: str) -> Optional[Fraction]:
    """The exact value of a C floating constant's text (suffixes ignored)."""
    t = text.strip().lower().replace("'", "")
    while t and t[-1] in "flijd" and not (t.startswith("0x") and t[-1] in "d" and "p" not in t):
        t = t[:-1]
    for suf in ("f128", "f64x", "f32x", "f64", "f32", "f16", "bf16"):
        if t.endswith(suf):
            t = t[:-len(suf)]
    while t and t[-1] in "flij":
        t = t[:-1]
    try:
        if t.startswith("0x"):
            body, _, exp = t[2:].partition("p")
            ip, _, fp = body.partition(".")
            mant = int((ip + fp) or "0", 16)
            e = int(exp or "0") - 4 * len(fp)
            return mant * Fraction(2) ** e
        return Fraction(t)
    except (ValueError, ZeroDivisionError):
        return None


def exact_value(an: Any, expr: Any, t: Any) -> Optional[Fraction]:
    """The exact value of a floating initializer made of literals, casts and
    signs, rounded at each conversion as C says; None when it is something
    else (the caller then uses Analyzer.fold's double), zero (keep the
    sign of -0.0 from fold) or out of range."""
    v = _exact(expr)
    if v is None or v == 0:
        return None
    return round_to(v, t.size())


def _exact(e: Any) -> Optional[Fraction]:
    from lcc.sema.types import FloatType, IntType
    if isinstance(e, ast.FloatLit):
        if not isinstance(e.type, FloatType) or e.type.complex:
            return None
        q = parse_float_text(e.text) if isinstance(e.text, str) else None
        if q is None:
            return None
        return round_to(q, e.type.size())
    if isinstance(e, (ast.IntLit, ast.CharLit)):
        return Fraction(int(e.value))
    if isinstance(e, ast.Unary) and e.op in ("-", "+"):
        v = _exact(e.operand)
        if v is None:
            return None
        return -v if e.op == "-" else v
    if isinstance(e, (ast.ImplicitCast, ast.Cast)):
        if isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "array", "function"):
            return None
        v = _exact(e.expr)
        if v is None:
            return None
        if isinstance(e.type, FloatType) and not e.type.complex:
            return round_to(v, e.type.size())
        if isinstance(e.type, IntType) and e.type.kind != "_Bool":
            iv = int(v)              # toward zero, as C converts
            return Fraction(e.type.wrap(iv)) if e.type.min_max()[0] <= iv <= \
                e.type.min_max()[1] else None
        return None
    return None


def exact_complex(e: Any, half: int) -> Optional[Tuple[Real, Real]]:
    """(real, imaginary) of a complex initializer built from literals
    (`1.1L + 2.2iL`), each part rounded to the `half`-byte float; None when
    it is anything else or a part is zero (fold keeps signed zeros)."""
    parts = _exact_c(e)
    if parts is None or parts[0] == 0 or parts[1] == 0:
        return None
    re, im = round_to(parts[0], half), round_to(parts[1], half)
    if re is None or im is None:
        return None
    return re, im


def _exact_c(e: Any) -> Optional[Tuple[Fraction, Fraction]]:
    from lcc.sema.types import FloatType
    t = getattr(e, "type", None)
    if not (isinstance(t, FloatType) and t.complex):
        v = _exact(e)
        return None if v is None else (v, Fraction(0))
    if isinstance(e, ast.FloatLit):
        q = parse_float_text(e.text) if isinstance(e.text, str) else None
        if q is None:
            return None
        q = round_to(q, t.size() // 2)
        return None if q is None else (Fraction(0), q)
    if isinstance(e, ast.Binary) and e.op in ("+", "-"):
        a, b = _exact_c(e.left), _exact_c(e.right)
        if a is None or b is None:
            return None
        if e.op == "+":
            r = (a[0] + b[0], a[1] + b[1])
        else:
            r = (a[0] - b[0], a[1] - b[1])
        h = t.size() // 2
        re, im = round_to(r[0], h), round_to(r[1], h)
        return None if re is None or im is None else (re, im)
    if isinstance(e, ast.Unary) and e.op in ("-", "+"):
        a = _exact_c(e.operand)
        if a is None:
            return None
        return (-a[0], -a[1]) if e.op == "-" else a
    if isinstance(e, (ast.ImplicitCast, ast.Cast)):
        if isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "array", "function"):
            return None
        a = _exact_c(e.expr)
        if a is None:
            return None
        h = t.size() // 2
        re, im = round_to(a[0], h), round_to(a[1], h)
        return None if re is None or im is None else (re, im)
    return None


# ------------------------------------------------- IEEE constant folding
class NaN:
    """A NaN constant with its payload (gcc keeps __builtin_nan("0x1")'s)."""
    __slots__ = ("payload", "quiet", "neg")

    def __init__(self, payload: int = 0, quiet: bool = True, neg: bool = False) -> None:
        self.payload = payload
        self.quiet = quiet
        self.neg = neg


def nan_bytes(n: NaN, size: int) -> bytes:
    p, _, _, _, ebits = _FORMATS[size]
    if size == 16:
        mant = 1 << 63 | (1 << 62 if n.quiet else 0) | n.payload & ((1 << 62) - 1)
        if not n.quiet and not n.payload:
            mant |= 1 << 61
        return _x87(n.neg, 0x7FFF, mant)
    frac = (1 << (p - 2) if n.quiet else 0) | n.payload & ((1 << (p - 2)) - 1)
    if not n.quiet and not n.payload:
        frac |= 1 << (p - 3)
    return _ieee(n.neg, ((1 << ebits) - 1) << (p - 1) | frac, size)


def float_const_bytes(e: Any, size: int) -> Optional[bytes]:
    """The bytes of a floating constant expression that sema's fold gives
    up on: IEEE division by zero (1.0/0.0, 0.0/0.0), infinities, NaNs with
    payloads from __builtin_nan("..."), copysign/fabs of constants."""
    v = _ieee_value(e)
    if v is None:
        return None
    if isinstance(v, NaN):
        return nan_bytes(v, size)
    return encode_float(v, size)


_NAN_NAMES = {"nan", "nanf", "nanl", "nans", "nansf", "nansl"}
_INF_NAMES = {"inf", "inff", "infl", "huge_val", "huge_valf", "huge_vall"}


def _payload(arg: Any) -> Optional[int]:
    while isinstance(arg, (ast.ImplicitCast, ast.Cast)):
        arg = arg.expr
    if not isinstance(arg, ast.StringLit) or not isinstance(arg.value, (bytes, bytearray)):
        return None
    text = arg.value.rstrip(b"\0").decode("latin-1").strip()
    if not text:
        return 0
    try:
        return int(text, 0) if not (text.startswith("0") and text[1:].isdigit()) \
            else int(text, 8)
    except ValueError:
        return 0


def _ieee_value(e: Any) -> Any:
    from lcc.sema.types import FloatType
    if isinstance(e, ast.FloatLit):
        if isinstance(e.type, FloatType) and e.type.complex:
            return None
        return float(e.value)
    if isinstance(e, (ast.IntLit, ast.CharLit)):
        return float(e.value)
    if isinstance(e, (ast.ImplicitCast, ast.Cast)):
        if isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "array", "function"):
            return None
        if not isinstance(e.type, FloatType) or e.type.complex:
            return None
        v = _ieee_value(e.expr)
        if v is None or isinstance(v, NaN):
            return v
        if e.type.size() == 4 and math.isfinite(v) and v != 0:
            q = round_to(Fraction(v), 4)
            return math.copysign(math.inf, v) if q is None else float(q)
        return v
    if isinstance(e, ast.Unary) and e.op in ("-", "+"):
        v = _ieee_value(e.operand)
        if e.op == "+" or v is None:
            return v
        if isinstance(v, NaN):
            return NaN(v.payload, v.quiet, not v.neg)
        return -v
    if isinstance(e, ast.Binary) and e.op in ("+", "-", "*", "/"):
        a, b = _ieee_value(e.left), _ieee_value(e.right)
        if a is None or b is None:
            return None
        if isinstance(a, NaN):
            return a
        if isinstance(b, NaN):
            return b
        # gcc's folding makes positive quiet NaNs (inf - inf, 0 / 0)
        if e.op in ("+", "-", "*"):
            r = a + b if e.op == "+" else a - b if e.op == "-" else a * b
            return NaN() if math.isnan(r) else r
        if b == 0:
            if a == 0 or math.isnan(a):
                return NaN()
            return math.copysign(math.inf, a) * math.copysign(1.0, b)
        try:
            return a / b
        except OverflowError:
            return math.copysign(math.inf, a) * math.copysign(1.0, b)
    if isinstance(e, ast.Call):
        f = e.func
        while isinstance(f, ast.ImplicitCast):
            f = f.expr
        if not isinstance(f, ast.Ident):
            return None
        name = f.name[10:] if f.name.startswith("__builtin_") else f.name
        args = e.args or []
        if name in _INF_NAMES:
            return math.inf
        if name in _NAN_NAMES and args:
            p = _payload(args[0])
            return None if p is None else NaN(p, not name.startswith("nans"))
        if name in ("copysign", "copysignf", "copysignl") and len(args) == 2:
            a, b = _ieee_value(args[0]), _ieee_value(args[1])
            if a is None or b is None:
                return None
            neg = b.neg if isinstance(b, NaN) else math.copysign(1.0, b) < 0
            if isinstance(a, NaN):
                return NaN(a.payload, a.quiet, neg)
            return math.copysign(a, -1.0 if neg else 1.0)
        if name in ("fabs", "fabsf", "fabsl") and args:
            a = _ieee_value(args[0])
            if isinstance(a, NaN):
                return NaN(a.payload, a.quiet, False)
            return None if a is None else abs(a)
    return None
