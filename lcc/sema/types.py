"""C types as sema builds them (C11 6.2.5).

Types are small immutable objects. Qualifiers are a bit mask on each type
object, so `const int` and `int` are two objects of the same class; struct,
union and enum types share one mutable `RecordInfo`/`EnumInfo` (the tag's
definition), so completing a tag completes every type that names it.

All three targets are LP64, so sizes are intrinsic to the types; the one
target-dependent fact (signedness of plain `char`) is carried by the char
type object that `TypeTable` builds per target.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

CONST, VOLATILE, RESTRICT, ATOMIC = 1, 2, 4, 8
QUAL_NAMES = {"const": CONST, "volatile": VOLATILE, "restrict": RESTRICT,
              "__restrict": RESTRICT, "__restrict__": RESTRICT, "_Atomic": ATOMIC}


def qual_str(q: int) -> str:
    parts = []
    if q & ATOMIC:
        parts.append("_Atomic")
    if q & CONST:
        parts.append("const")
    if q & VOLATILE:
        parts.append("volatile")
    if q & RESTRICT:
        parts.append("restrict")
    return " ".join(parts)


class Type:
    """Base class. `quals` is the qualifier mask; `align_ovr` an alignment
    set by `aligned` on a typedef (None when the natural one applies)."""

    __slots__ = ("quals", "align_ovr")

    def __init__(self) -> None:
        self.quals = 0
        self.align_ovr: Optional[int] = None

    def _copy(self) -> "Type":
        new = object.__new__(type(self))
        for cls in type(self).__mro__:
            for s in getattr(cls, "__slots__", ()):
                setattr(new, s, getattr(self, s))
        return new

    def qualified(self, q: int) -> "Type":
        if q == 0 or (self.quals | q) == self.quals:
            return self
        new = self._copy()
        new.quals = self.quals | q
        return new

    def unqual(self) -> "Type":
        if self.quals == 0:
            return self
        new = self._copy()
        new.quals = 0
        return new

    def with_align(self, a: Optional[int]) -> "Type":
        new = self._copy()
        new.align_ovr = a
        return new

    # ---- classification (overridden where true)
    is_void = is_integer = is_float = is_pointer = is_array = False
    is_func = is_record = is_vector = False

    @property
    def is_arith(self) -> bool:
        return self.is_integer or self.is_float

    @property
    def is_scalar(self) -> bool:
        return self.is_arith or self.is_pointer

    @property
    def is_complete(self) -> bool:
        return True

    @property
    def is_object(self) -> bool:
        return not self.is_func

    def size(self) -> int:
        raise NotImplementedError

    def natural_align(self) -> int:
        return 1

    def align(self) -> int:
        if self.align_ovr is not None:
            return self.align_ovr
        return self.natural_align()

    # ---- printing, gcc style
    def __str__(self) -> str:
        return self.decl_str("")

    def decl_str(self, inner: str) -> str:
        base = self.base_name()
        q = qual_str(self.quals)
        s = (q + " " + base) if q else base
        if not inner:
            return s
        # gcc writes `int[3]` but `int *` and `int (*)[3]`.
        return s + (inner if inner.startswith("[") else " " + inner)

    def base_name(self) -> str:
        return "?"

    def __repr__(self) -> str:
        return f"<{self}>"


class VoidType(Type):
    __slots__ = ()
    is_void = True

    @property
    def is_complete(self) -> bool:
        return False

    def size(self) -> int:
        return 1   # GNU: sizeof(void) == 1

    def base_name(self) -> str:
        return "void"


# Integer kinds: name -> (rank, size, signed, gcc spelling)
INT_KINDS: Dict[str, Tuple[int, int, bool, str]] = {
    "_Bool": (0, 1, False, "_Bool"),
    "char": (1, 1, True, "char"),
    "signed char": (1, 1, True, "signed char"),
    "unsigned char": (1, 1, False, "unsigned char"),
    "short": (2, 2, True, "short int"),
    "unsigned short": (2, 2, False, "short unsigned int"),
    "int": (3, 4, True, "int"),
    "unsigned int": (3, 4, False, "unsigned int"),
    "long": (4, 8, True, "long int"),
    "unsigned long": (4, 8, False, "long unsigned int"),
    "long long": (5, 8, True, "long long int"),
    "unsigned long long": (5, 8, False, "long long unsigned int"),
    "__int128": (6, 16, True, "__int128"),
    "unsigned __int128": (6, 16, False, "__int128 unsigned"),
}


class IntType(Type):
    __slots__ = ("kind", "rank", "_size", "signed")
    is_integer = True

    def __init__(self, kind: str, signed: Optional[bool] = None) -> None:
        super().__init__()
        rank, size, sgn, _ = INT_KINDS[kind]
        self.kind = kind
        self.rank = rank
        self._size = size
        self.signed = sgn if signed is None else signed

    def size(self) -> int:
        return self._size

    def natural_align(self) -> int:
        return self._size

    @property
    def bits(self) -> int:
        return 1 if self.kind == "_Bool" else self._size * 8

    def min_max(self) -> Tuple[int, int]:
        if self.kind == "_Bool":
            return 0, 1
        b = self._size * 8
        if self.signed:
            return -(1 << (b - 1)), (1 << (b - 1)) - 1
        return 0, (1 << b) - 1

    def wrap(self, v: int) -> int:
        """v converted to this type (modulo 2^N; _Bool by truth)."""
        if self.kind == "_Bool":
            return 1 if v else 0
        b = self._size * 8
        v &= (1 << b) - 1
        if self.signed and v >> (b - 1):
            v -= 1 << b
        return v

    def base_name(self) -> str:
        return INT_KINDS[self.kind][3]


class EnumInfo:
    """An enum tag's definition, shared by every type naming it."""

    __slots__ = ("tag", "complete", "underlying", "loc", "packed")

    def __init__(self, tag: Optional[str], loc: Any) -> None:
        self.tag = tag
        self.complete = False
        self.underlying: Optional[IntType] = None
        self.loc = loc
        self.packed = False


class EnumType(IntType):
    """An enumerated type: an integer type whose kind is its underlying
    type's (gcc picks unsigned int, or int when a value is negative, or a
    64-bit type when values need it)."""

    __slots__ = ("info",)

    def __init__(self, info: EnumInfo) -> None:
        super().__init__("unsigned int")
        self.info = info
        self.sync()

    def sync(self) -> None:
        u = self.info.underlying
        if u is not None:
            self.kind, self.rank, self._size, self.signed = u.kind, u.rank, u._size, u.signed

    @property
    def is_complete(self) -> bool:
        return self.info.complete

    def base_name(self) -> str:
        return f"enum {self.info.tag}" if self.info.tag else "enum <anonymous>"


class FloatType(Type):
    """float, double, long double, each possibly _Complex."""

    __slots__ = ("kind", "complex", "_size", "_align")
    is_float = True
    RANK = {"float": 0, "double": 1, "long double": 2, "_Float128": 3}

    def __init__(self, kind: str, complex_: bool = False) -> None:
        super().__init__()
        self.kind = kind
        self.complex = complex_
        base = {"float": 4, "double": 8, "long double": 16, "_Float128": 16}[kind]
        self._size = base * (2 if complex_ else 1)
        self._align = base

    @property
    def rank(self) -> int:
        return self.RANK[self.kind]

    def size(self) -> int:
        return self._size

    def natural_align(self) -> int:
        return self._align

    def base_name(self) -> str:
        return ("complex " + self.kind) if self.complex else self.kind


class PointerType(Type):
    __slots__ = ("target",)
    is_pointer = True

    def __init__(self, target: Type) -> None:
        super().__init__()
        self.target = target

    def size(self) -> int:
        return 8

    def natural_align(self) -> int:
        return 8

    def decl_str(self, inner: str) -> str:
        q = qual_str(self.quals)
        s = "*" + ((" " + q) if q else "") + ((" " + inner) if inner and q else inner)
        if self.target.is_array or self.target.is_func:
            return self.target.decl_str("(" + s + ")")
        return self.target.decl_str(s)


class ArrayType(Type):
    """length None: incomplete (`int a[]`) or VLA (`vla` holds the size
    expression, already analysed)."""

    __slots__ = ("elem", "length", "vla", "param_static")
    is_array = True

    def __init__(self, elem: Type, length: Optional[int], vla: Any = None) -> None:
        super().__init__()
        self.elem = elem
        self.length = length
        self.vla = vla
        self.param_static = False

    @property
    def is_vla(self) -> bool:
        """True when the size is known only at run time: a variable length,
        or elements of variable size (VLAs, GNU variably modified structs)."""
        e = self.elem
        return self.vla is not None or (e.is_array and e.is_vla) or (  # type: ignore
            e.is_record and e.info.is_vm)  # type: ignore[attr-defined]

    @property
    def is_complete(self) -> bool:
        return self.length is not None or self.vla is not None

    def size(self) -> int:
        return (self.length or 0) * self.elem.size()

    def natural_align(self) -> int:
        return self.elem.align()

    def qualified(self, q: int) -> Type:
        # Qualifiers of an array type apply to its elements (6.7.3p9).
        if q == 0:
            return self
        new = self._copy()
        assert isinstance(new, ArrayType)
        new.elem = self.elem.qualified(q)
        return new

    def decl_str(self, inner: str) -> str:
        n = "" if self.length is None else str(self.length)
        if self.vla is not None:
            n = "*"
        return self.elem.decl_str(inner + f"[{n}]")


class FuncType(Type):
    """params: list of parameter types (already adjusted), or None for a
    function without prototype."""

    __slots__ = ("ret", "params", "variadic", "kr_defined")
    is_func = True

    def __init__(self, ret: Type, params: Optional[List[Type]], variadic: bool = False) -> None:
        super().__init__()
        self.ret = ret
        self.params = params
        self.variadic = variadic
        # Parameter types of a K&R definition (for calls in the same file).
        self.kr_defined: Optional[List[Type]] = None

    @property
    def is_complete(self) -> bool:
        return False

    def size(self) -> int:
        return 1   # GNU: sizeof applied to a function type is 1

    def decl_str(self, inner: str) -> str:
        if self.params is None:
            ps = ""
        elif not self.params and not self.variadic:
            ps = "void"
        else:
            ps = ", ".join(str(p) for p in self.params)
            if self.variadic:
                ps += ", ..."
        return self.ret.decl_str(f"{inner}({ps})" if inner else f"({ps})")


class Member:
    """A struct/union member after layout. bit_width is None for an
    ordinary member; bit_offset is the bit position inside the storage unit
    starting at `offset` (the containing aligned unit of the field's type)."""

    __slots__ = ("name", "type", "offset", "bit_offset", "bit_width", "loc", "layout_align",
                 "segment")

    def __init__(self, name: Optional[str], type_: Type, loc: Any,
                 bit_width: Optional[int] = None) -> None:
        self.name = name
        self.type = type_
        self.offset = 0
        # The alignment layout gave an ordinary member (packed, aligned and
        # #pragma pack applied).
        self.layout_align = 1
        # Variably modified structs: the index in RecordInfo.vm_segments + 1
        # of the segment `offset` is relative to (0: from the struct's start).
        self.segment = 0
        self.bit_offset = 0
        self.bit_width = bit_width
        self.loc = loc

    def __repr__(self) -> str:
        bw = f":{self.bit_width}@{self.bit_offset}" if self.bit_width is not None else ""
        return f"Member({self.name} {self.type} +{self.offset}{bw})"


class RecordInfo:
    """A struct or union tag's definition. `is_vm`: a GNU variably modified
    struct/union (a member of variable size): `size` and the offsets of the
    members after the first variable one are then known only at run time
    (lcc/sema/layout.py, lcc/ir/lower_vm.py); `align` is always static."""

    __slots__ = ("kind", "tag", "members", "complete", "size", "align", "loc",
                 "has_flex", "has_const", "is_vm", "being_defined", "transparent",
                 "vm_segments", "vm_tail")

    def __init__(self, kind: str, tag: Optional[str], loc: Any) -> None:
        self.kind = kind
        self.tag = tag
        self.members: List[Member] = []
        self.complete = False
        self.size = 0
        self.align = 1
        self.loc = loc
        self.has_flex = False
        self.has_const = False
        self.is_vm = False
        self.being_defined = False
        self.transparent = False
        # Variably modified structs: how each segment's start follows from
        # the previous one, and the bytes the last one takes.
        self.vm_segments: List["VmSegment"] = []
        self.vm_tail = 0

    def find(self, name: str) -> Optional[Tuple[List[Member], int]]:
        """The path of members to `name` (through anonymous members) and the
        total byte offset of the last one, or None."""
        for m in self.members:
            if m.name == name:
                return [m], m.offset
            if m.name is None and m.type.is_record:
                sub = m.type.info.find(name)  # type: ignore[attr-defined]
                if sub is not None:
                    return [m] + sub[0], m.offset + sub[1]
        return None


class RecordType(Type):
    __slots__ = ("info",)
    is_record = True

    def __init__(self, info: RecordInfo) -> None:
        super().__init__()
        self.info = info

    @property
    def is_union(self) -> bool:
        return self.info.kind == "union"

    @property
    def is_complete(self) -> bool:
        return self.info.complete

    def size(self) -> int:
        return self.info.size

    def natural_align(self) -> int:
        return self.info.align

    def base_name(self) -> str:
        tag = self.info.tag if self.info.tag else "<anonymous>"
        return f"{self.info.kind} {tag}"


class VmSegment:
    """A segment of a variably modified struct starts at
    round_up(previous start + `offset` + sizeof `member` (when not None),
    `align`)."""

    __slots__ = ("offset", "member", "align")

    def __init__(self, offset: int, member: Optional[Member], align: int) -> None:
        self.offset = offset
        self.member = member
        self.align = align


def is_vm_record(t: Type) -> bool:
    """A GNU struct/union with members of variable size."""
    return isinstance(t, RecordType) and t.info.is_vm


def has_variable_size(t: Type) -> bool:
    """sizeof t is computed at run time: VLA types and variably modified
    structs/unions (and arrays of them)."""
    return (isinstance(t, ArrayType) and t.is_vla) or is_vm_record(t)


class VectorType(Type):
    """GNU `vector_size(N)` vectors of an arithmetic element type."""

    __slots__ = ("elem", "_size")
    is_vector = True

    def __init__(self, elem: Type, size: int) -> None:
        super().__init__()
        self.elem = elem
        self._size = size

    @property
    def length(self) -> int:
        return self._size // max(self.elem.size(), 1)

    def size(self) -> int:
        return self._size

    def natural_align(self) -> int:
        return min(self._size, 16) if self._size & (self._size - 1) == 0 else self.elem.align()

    def base_name(self) -> str:
        return f"__vector({self.length}) {self.elem}"


class TypeTable:
    """The basic types for one target."""

    def __init__(self, target: Any) -> None:
        self.void = VoidType()
        self.bool_ = IntType("_Bool")
        self.char = IntType("char", signed=target.char_signed)
        self.schar = IntType("signed char")
        self.uchar = IntType("unsigned char")
        self.short = IntType("short")
        self.ushort = IntType("unsigned short")
        self.int_ = IntType("int")
        self.uint = IntType("unsigned int")
        self.long = IntType("long")
        self.ulong = IntType("unsigned long")
        self.llong = IntType("long long")
        self.ullong = IntType("unsigned long long")
        self.int128 = IntType("__int128")
        self.uint128 = IntType("unsigned __int128")
        self.float_ = FloatType("float")
        self.double = FloatType("double")
        self.ldouble = FloatType("long double")
        self.float128 = FloatType("_Float128")
        self.size_t = self.ulong
        self.ptrdiff_t = self.long
        self.wchar = self.int_ if target.wchar == "int" else self.uint
        self.char16 = self.ushort
        self.char32 = self.uint
        self.voidp = PointerType(self.void)
        self.charp = PointerType(self.char)
        self.ints: Dict[str, IntType] = {t.kind: t for t in (
            self.bool_, self.char, self.schar, self.uchar, self.short, self.ushort,
            self.int_, self.uint, self.long, self.ulong, self.llong, self.ullong,
            self.int128, self.uint128)}

    def unsigned_of(self, t: IntType) -> IntType:
        if not t.signed:
            return t
        k = {"char": "unsigned char", "signed char": "unsigned char"}.get(
            t.kind, "unsigned " + t.kind)
        return self.ints[k]

    def int_of_size(self, size: int, signed: bool) -> IntType:
        k = {1: "signed char", 2: "short", 4: "int", 8: "long", 16: "__int128"}[size]
        t = self.ints[k]
        return t if signed else self.unsigned_of(t)
