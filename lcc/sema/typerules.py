"""Relations between types: compatibility and composite types (C11 6.2.7),
integer promotions and the usual arithmetic conversions (6.3.1)."""
from __future__ import annotations

from typing import Optional

from lcc.sema.types import (
    ArrayType, EnumType, FloatType, FuncType, IntType, PointerType, RecordType, Type,
    TypeTable, VectorType, ATOMIC, CONST, VOLATILE, RESTRICT,
)


def compatible(a: Type, b: Type, quals: bool = True) -> bool:
    """C11 6.2.7: are a and b compatible? With quals=False the top-level
    qualifiers are ignored."""
    if a is b:
        return True
    if quals and a.quals != b.quals:
        return False
    if isinstance(a, EnumType) or isinstance(b, EnumType):
        if isinstance(a, EnumType) and isinstance(b, EnumType):
            return a.info is b.info
        if a.is_integer and b.is_integer:
            # An enum is compatible with its underlying integer type.
            return a.kind == b.kind and a.signed == b.signed  # type: ignore[attr-defined]
        return False
    if type(a) is not type(b):
        return False
    if isinstance(a, IntType):
        return a.kind == b.kind  # type: ignore[attr-defined]
    if isinstance(a, FloatType):
        return a.kind == b.kind and a.complex == b.complex  # type: ignore[attr-defined]
    if isinstance(a, PointerType):
        return compatible(a.target, b.target)  # type: ignore[attr-defined]
    if isinstance(a, ArrayType):
        assert isinstance(b, ArrayType)
        if not compatible(a.elem, b.elem):
            return False
        return a.length is None or b.length is None or a.length == b.length
    if isinstance(a, FuncType):
        assert isinstance(b, FuncType)
        return func_compatible(a, b)
    if isinstance(a, RecordType):
        return a.info is b.info  # type: ignore[attr-defined]
    if isinstance(a, VectorType):
        assert isinstance(b, VectorType)
        return a.size() == b.size() and compatible(a.elem, b.elem)
    return True   # void


def _param_ok_unprototyped(t: Type) -> bool:
    """6.7.6.3p15: a prototype is compatible with an unprototyped
    declaration only if no parameter type changes under default promotion."""
    if isinstance(t, FloatType):
        return t.kind != "float" or t.complex
    if isinstance(t, IntType):
        return t.rank >= 3
    return True


def func_compatible(a: FuncType, b: FuncType) -> bool:
    if not compatible(a.ret, b.ret):
        return False
    if a.params is None and b.params is None:
        return True
    if a.params is None or b.params is None:
        proto = a if a.params is not None else b
        other = b if proto is a else a
        assert proto.params is not None
        if other.kr_defined is not None:
            # Prototype vs K&R definition: compare with promoted params.
            if len(other.kr_defined) != len(proto.params) or proto.variadic:
                return False
            return all(compatible(p.unqual(), q.unqual())
                       for p, q in zip(proto.params, other.kr_defined))
        if proto.variadic:
            return False
        return all(_param_ok_unprototyped(p) for p in proto.params)
    if len(a.params) != len(b.params) or a.variadic != b.variadic:
        return False
    return all(compatible(p.unqual(), q.unqual()) or _transparent_match(p, q)
               for p, q in zip(a.params, b.params))


def _transparent_match(p: Type, q: Type) -> bool:
    """gcc accepts a transparent union parameter redeclared as one of its
    members' types."""
    for u, o in ((p, q), (q, p)):
        if isinstance(u, RecordType) and u.info.transparent:
            if any(compatible(m.type.unqual(), o.unqual()) for m in u.info.members):
                return True
    return False


def composite(a: Type, b: Type) -> Type:
    """6.2.7p3: the composite of two compatible types."""
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        elem = composite(a.elem, b.elem)
        if a.length is not None or a.vla is not None:
            src = a
        else:
            src = b
        n = ArrayType(elem, src.length, src.vla)
        n.quals = a.quals
        return n
    if isinstance(a, FuncType) and isinstance(b, FuncType):
        ret = composite(a.ret, b.ret)
        if a.params is None:
            params, variadic = b.params, b.variadic
        elif b.params is None:
            params, variadic = a.params, a.variadic
        else:
            params = [composite(p, q) for p, q in zip(a.params, b.params)]
            variadic = a.variadic
        f = FuncType(ret, params, variadic)
        f.kr_defined = a.kr_defined or b.kr_defined
        return f
    if isinstance(a, PointerType) and isinstance(b, PointerType):
        p = PointerType(composite(a.target, b.target))
        p.quals = a.quals
        return p
    return a


def promote(ts: TypeTable, t: Type) -> Type:
    """6.3.1.1p2: integer promotion (bit-fields are handled by the caller)."""
    if isinstance(t, IntType):
        if t.rank < 3:
            return ts.int_
        if isinstance(t, EnumType):
            return ts.ints[t.kind]
        return t.unqual()
    return t.unqual()


def promote_bitfield(ts: TypeTable, t: IntType, width: int) -> Type:
    """A bit-field promotes by its width, whatever its declared type (gcc):
narrower than int gives int, exactly int's width int or unsigned int."""
    if t.kind == "_Bool" or width < 32:
        return ts.int_
    if width == 32:
        return ts.int_ if t.signed else ts.uint
    return promote(ts, t)


def default_arg_promote(ts: TypeTable, t: Type) -> Type:
    if isinstance(t, FloatType) and t.kind == "float" and not t.complex:
        return ts.double
    return promote(ts, t)


def usual_arith(ts: TypeTable, a: Type, b: Type) -> Type:
    """6.3.1.8: the common real (or complex) type of two arithmetic types."""
    if isinstance(a, VectorType):
        return a.unqual()
    if isinstance(b, VectorType):
        return b.unqual()
    if a.is_float or b.is_float:
        cplx = (isinstance(a, FloatType) and a.complex) or (isinstance(b, FloatType) and b.complex)
        ra = a.rank if isinstance(a, FloatType) else -1
        rb = b.rank if isinstance(b, FloatType) else -1
        base = a if ra >= rb else b
        assert isinstance(base, FloatType)
        return FloatType(base.kind, bool(cplx)) if cplx != base.complex or base.quals else base
    a = promote(ts, a)
    b = promote(ts, b)
    assert isinstance(a, IntType) and isinstance(b, IntType)
    if a.kind == b.kind:
        return a
    if a.signed == b.signed:
        return a if a.rank >= b.rank else b
    u, s = (a, b) if not a.signed else (b, a)
    if u.rank >= s.rank:
        return u
    if s.size() > u.size():
        return s
    return ts.unsigned_of(s)


def is_null_pointer_constant(e: object, value: Optional[object]) -> bool:
    """An integer constant expression with value 0, possibly cast to void *.
    The caller passes the folded value (None when not constant)."""
    return value == 0 and not isinstance(value, float)


QUAL_MASK = CONST | VOLATILE | RESTRICT | ATOMIC
