"""The C types the ABI test passes around, with how to make and record values.

Every type knows three things the generator needs:
  decl(name)          a declaration of an object of the type
  assign(lv, rng)     C statements storing a fresh known value into lv
  record(expr, tag)   C statements reporting what expr holds, through the
                      gcc-compiled helpers in rt.c (rec_i, rec_u, rec_d, ...)

Values are chosen so that every bit that matters is set somewhere (full
width integers, floats with fractional parts, negative numbers) and so the
output of gcc+gcc is the reference: the generator never predicts output.
Padding is never recorded (it is not part of the value).
"""
from __future__ import annotations

import random
from typing import List, Optional, Tuple


class CType:
    """kind: int, float, ld, ptr, i128, cplx, agg, fptr."""

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind

    def decl(self, var: str) -> str:
        return f"{self.name} {var}"

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        raise NotImplementedError

    def record(self, expr: str, tag: str) -> List[str]:
        raise NotImplementedError

    # The type a value of this type has after the default argument
    # promotions (what a caller passes through `...`).
    def promoted(self) -> "CType":
        return self

    def __repr__(self) -> str:
        return self.name


class IntType(CType):
    def __init__(self, name: str, bits: int, signed: bool) -> None:
        super().__init__(name, "int")
        self.bits = bits
        self.signed = signed

    def value(self, rng: random.Random) -> str:
        if self.bits == 1:
            return str(rng.randint(0, 1))
        lo, hi = ((-(1 << (self.bits - 1)), (1 << (self.bits - 1)) - 1) if self.signed
                  else (0, (1 << self.bits) - 1))
        # Mostly values that use the whole width, sometimes the extremes.
        v = rng.choice([lo, hi, rng.randint(lo, hi), rng.randint(lo, hi), rng.randint(lo, hi)])
        if v < 0:
            # -0x8000... is not a valid constant of the type: write it as
            # a difference.
            return f"(({self.name})(-{-v - 1}LL - 1))"
        return f"(({self.name}){v}ULL)"

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        return [f"{lv} = {self.value(rng)};"]

    def record(self, expr: str, tag: str) -> List[str]:
        fn = "rec_i" if self.signed else "rec_u"
        cast = "long long" if self.signed else "unsigned long long"
        return [f'{fn}("{tag}", ({cast})({expr}));']

    def promoted(self) -> CType:
        return INT if self.bits < 32 else self


class FloatType(CType):
    def __init__(self, name: str, suffix: str) -> None:
        super().__init__(name, "ld" if name == "long double" else "float")
        self.suffix = suffix

    def value(self, rng: random.Random) -> str:
        # Exactly representable, with a fractional part and a sign.
        v = rng.randint(-(1 << 20), 1 << 20) / float(1 << rng.randint(0, 10))
        if self.kind == "ld" and rng.random() < 0.5:
            # A value needing the x87 format's 64-bit mantissa.
            return f"(({v!r}L) + 0x1p-60L)"
        return f"{v!r}{self.suffix}"

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        return [f"{lv} = {self.value(rng)};"]

    def record(self, expr: str, tag: str) -> List[str]:
        fn = "rec_ld" if self.kind == "ld" else "rec_d"
        return [f'{fn}("{tag}", {expr});']

    def promoted(self) -> CType:
        return DOUBLE if self.name == "float" else self


class PtrType(CType):
    def __init__(self, name: str) -> None:
        super().__init__(name, "ptr")

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        return [f"{lv} = ({self.name})(abi_buf + {rng.randint(0, 255)});"]

    def record(self, expr: str, tag: str) -> List[str]:
        return [f'rec_p("{tag}", (const void *)({expr}));']


class Int128Type(CType):
    def __init__(self, name: str) -> None:
        super().__init__(name, "i128")

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        hi, lo = rng.getrandbits(64), rng.getrandbits(64)
        return [f"{lv} = (({self.name})0x{hi:x}ULL << 64) | 0x{lo:x}ULL;"]

    def record(self, expr: str, tag: str) -> List[str]:
        return [f'rec_x128("{tag}", (unsigned long long)((unsigned __int128)({expr}) >> 64), '
                f"(unsigned long long)({expr}));"]


class ComplexType(CType):
    def __init__(self, part: FloatType) -> None:
        super().__init__(f"_Complex {part.name}", "cplx")
        self.part = part

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        return [f"__real__ {lv} = {self.part.value(rng)};",
                f"__imag__ {lv} = {self.part.value(rng)};"]

    def record(self, expr: str, tag: str) -> List[str]:
        return (self.part.record(f"__real__ ({expr})", tag + ".re")
                + self.part.record(f"__imag__ ({expr})", tag + ".im"))


class Field:
    def __init__(self, name: str, ctype: CType, count: int = 0, bits: int = 0) -> None:
        self.name = name
        self.ctype = ctype
        self.count = count  # array length, 0 for a scalar member
        self.bits = bits    # bit-field width, 0 for an ordinary member

    def decl(self) -> str:
        if self.count:
            return f"{self.ctype.name} {self.name}[{self.count}];"
        if self.bits:
            return f"{self.ctype.name} {self.name} : {self.bits};"
        return f"{self.ctype.name} {self.name};"


class AggType(CType):
    """A struct, or a union whose `active` member is the one written and
    read (the rest of a union's bytes are unspecified)."""

    def __init__(self, tag: str, fields: List[Field], union: bool = False,
                 active: int = 0) -> None:
        super().__init__(("union " if union else "struct ") + tag, "agg")
        self.tag = tag
        self.fields = fields
        self.union = union
        self.active = active

    def definition(self) -> str:
        body = " ".join(f.decl() for f in self.fields)
        return f"{self.name} {{ {body} }};"

    def members(self) -> List[Field]:
        return [self.fields[self.active]] if self.union else self.fields

    def _parts(self, lv: str) -> List[Tuple[str, Field]]:
        out = []
        for f in self.members():
            if f.count:
                out += [(f"{lv}.{f.name}[{i}]", f) for i in range(f.count)]
            else:
                out.append((f"{lv}.{f.name}", f))
        return out

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        lines = []
        for path, f in self._parts(lv):
            if f.bits:
                signed = getattr(f.ctype, "signed", True)
                lo, hi = ((-(1 << (f.bits - 1)), (1 << (f.bits - 1)) - 1) if signed
                          else (0, (1 << f.bits) - 1))
                lines.append(f"{path} = {rng.randint(lo, hi)};")
            else:
                lines += f.ctype.assign(path, rng)
        return lines

    def record(self, expr: str, tag: str) -> List[str]:
        # Record through a local copy: expr may be a call or a parameter.
        lines = []
        for path, f in self._parts(expr):
            sub = path[len(expr):].replace("[", "").replace("]", "")
            lines += f.ctype.record(path, tag + sub)
        return lines


class FnPtrType(CType):
    """A pointer to `long (long, int)`; the targets are static functions
    of the caller's file (so calls also go callee -> caller)."""

    def __init__(self) -> None:
        super().__init__("abi_fp", "fptr")

    def assign(self, lv: str, rng: random.Random) -> List[str]:
        return [f"{lv} = abi_target{rng.randint(0, 3)};"]

    def record(self, expr: str, tag: str) -> List[str]:
        return [f'rec_i("{tag}", (long long)({expr})(0x123456789L, -77));']


def _int(name: str, bits: int, signed: bool) -> IntType:
    return IntType(name, bits, signed)


BOOL = _int("_Bool", 1, False)
CHAR = _int("char", 8, True)
SCHAR = _int("signed char", 8, True)
UCHAR = _int("unsigned char", 8, False)
SHORT = _int("short", 16, True)
USHORT = _int("unsigned short", 16, False)
INT = _int("int", 32, True)
UINT = _int("unsigned int", 32, False)
LONG = _int("long", 64, True)
ULONG = _int("unsigned long", 64, False)
LLONG = _int("long long", 64, True)
ULLONG = _int("unsigned long long", 64, False)
FLOAT = FloatType("float", "f")
DOUBLE = FloatType("double", "")
LDOUBLE = FloatType("long double", "L")
CHARP = PtrType("char *")
VOIDP = PtrType("void *")
INTP = PtrType("int *")
I128 = Int128Type("__int128")
U128 = Int128Type("unsigned __int128")
CFLOAT = ComplexType(FLOAT)
CDOUBLE = ComplexType(DOUBLE)
CLDOUBLE = ComplexType(LDOUBLE)
FNPTR = FnPtrType()

SCALARS: List[CType] = [BOOL, CHAR, SCHAR, UCHAR, SHORT, USHORT, INT, UINT, LONG, ULONG,
                        LLONG, ULLONG, FLOAT, DOUBLE, LDOUBLE, CHARP, VOIDP, INTP, I128, U128,
                        CFLOAT, CDOUBLE, CLDOUBLE, FNPTR]


def F(name: str, ctype: CType, count: int = 0, bits: int = 0) -> Field:
    return Field(name, ctype, count, bits)


S_FF = AggType("s_ff", [F("a", FLOAT), F("b", FLOAT)])
AGGREGATES: List[AggType] = [
    AggType("s_c3", [F("a", CHAR, 3)]),                                  # 3 bytes
    AggType("s_if", [F("a", INT), F("b", FLOAT)]),                       # int+float
    S_FF,                                                                # float+float
    AggType("s_f3", [F("a", FLOAT), F("b", FLOAT), F("c", FLOAT)]),      # 12, SSE
    AggType("s_i3", [F("a", INT), F("b", INT), F("c", INT)]),            # 12, INTEGER
    AggType("s_c12", [F("a", UCHAR, 12)]),                               # char array
    AggType("s_cd", [F("a", CHAR), F("b", DOUBLE)]),                     # 16, mixed
    AggType("s_dd", [F("a", DOUBLE), F("b", DOUBLE)]),                   # 16, SSE+SSE
    AggType("s_ld", [F("a", LONG), F("b", DOUBLE)]),                     # 16, INT+SSE
    AggType("s_dl", [F("a", DOUBLE), F("b", LONG)]),                     # 16, SSE+INT
    AggType("s_scs", [F("a", SHORT), F("b", CHAR), F("c", SHORT)]),      # 6
    AggType("s_f4", [F("a", FLOAT, 4)]),                                 # 16, float array
    AggType("s_cf", [F("a", CHAR), F("b", FLOAT)]),                      # 8, one INTEGER
    AggType("s_fcc", [F("a", FLOAT), F("b", CHAR), F("c", CHAR)]),       # 8
    AggType("s_d", [F("a", DOUBLE)]),                                    # 8, SSE
    AggType("s_big", [F("a", LONG), F("b", LONG), F("c", LONG)]),        # 24, MEMORY
    AggType("s_d3", [F("a", DOUBLE, 3)]),                                # 24, MEMORY
    AggType("s_cdc", [F("a", CHAR), F("b", DOUBLE), F("c", CHAR, 9)]),   # 32, MEMORY
    AggType("s_xld", [F("a", LDOUBLE)]),                                 # x87: MEMORY
    AggType("s_i128", [F("a", I128)]),                                   # 16, INTEGER
    AggType("s_nest", [F("a", S_FF), F("b", INT)]),                      # nested, 12
    AggType("s_bits", [F("a", UINT, 0, 3), F("b", UINT, 0, 9), F("c", INT, 0, 5)]),
    AggType("u_if", [F("i", INT), F("f", FLOAT)], union=True, active=1),
    AggType("u_dl", [F("d", DOUBLE), F("l", LONG)], union=True, active=0),
    AggType("u_c5f", [F("c", CHAR, 5), F("f", FLOAT)], union=True, active=0),
    AggType("u_big", [F("a", LONG, 3), F("d", DOUBLE)], union=True, active=0),
]

# Types whose value can go through `...` and be read back with va_arg
# (after promotion; _Complex float and _Bool-sized values are left out:
# their promoted forms are already in the list).
VARARG_TYPES: List[CType] = [INT, UINT, LONG, ULONG, LLONG, DOUBLE, LDOUBLE, CHARP, VOIDP,
                             I128, U128, CDOUBLE, CLDOUBLE] + [
    a for a in AGGREGATES if a.tag in ("s_if", "s_ff", "s_dd", "s_big", "s_c3", "s_ld",
                                       "s_dl", "s_xld", "u_dl", "s_f3", "s_i128")]

ALL_TYPES: List[CType] = SCALARS + list(AGGREGATES)


def by_name(name: str) -> Optional[CType]:
    for t in ALL_TYPES:
        if t.name == name:
            return t
    return None
