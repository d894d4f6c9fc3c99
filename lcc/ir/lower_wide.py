"""Lowering of the memory-only arithmetic types: `__int128` and `_Complex`.

These types have no IR letter (they are B, docs/backend.md), so a value of
one lives in memory: `expr(lw, e)` returns the address of the object that
holds e's value (an lvalue's own address, or a fresh memory temporary),
or a value tree when e's type is scalar (a comparison, a conversion to
int or double).  `cond(lw, e, t, f)` branches on such expressions.

__int128 is two 64-bit halves, low first.  Addition, subtraction, bitwise
operators, negation and shifts by constants are done inline on the halves
(carry and borrow computed without branches from the operands' and the
result's top bits); multiplication, division, variable shifts and float
conversions call libgcc (`__multi3`, `__divti3`, `__ashlti3`,
`__floattidf`, `__fixdfti`, ...), as gcc does.

_Complex T is two T (real part first).  + and - work on the parts;
* and / call libgcc's `__mul?c3` / `__div?c3` (gcc -O0 calls them too,
after an inline fast path that gives the same results).
"""
from __future__ import annotations

from typing import Any

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir.lower_types import is_bool, is_wide
from lcc.ir.tree import Node
from lcc.ir import lower_vector
from lcc.sema.types import FloatType, FuncType, IntType, Type, VectorType

_CMP = {"<": "LT", ">": "GT", "<=": "LE", ">=": "GE", "==": "EQ", "!=": "NE"}
_FSUFFIX = {"float": "s", "double": "d", "long double": "x"}


# ------------------------------------------------------------ type tests
def _is_i128(t: Any) -> bool:
    return isinstance(t, IntType) and t.size() == 16


def _is_cplx(t: Any) -> bool:
    return isinstance(t, FloatType) and t.complex


def _check(t: Any, loc: Any) -> None:
    if is_wide(t) and not (_is_i128(t) or _is_cplx(t) or isinstance(t, VectorType)):
        raise CompileError(loc, "operations on '%s' are not supported yet" % t)
    if _is_cplx(t) and t.kind == "_Float128":
        raise CompileError(loc, "operations on '%s' are not supported yet" % t)


def _part_type(lw: Any, t: Any) -> FloatType:
    """The real type of one part of complex type t."""
    ts = lw.ts
    return {"float": ts.float_, "double": ts.double, "long double": ts.ldouble}[t.kind]


# --------------------------------------------------------- memory access
def _at(lw: Any, a: Node, off: int) -> Node:
    a = lw.clone(a)
    if off == 0:
        return a
    return Node("ADDP8", (a, Node("CNSTI8", (), off)))


def _lo(lw: Any, a: Node) -> Node:
    return Node("INDIRU8", (_at(lw, a, 0),))


def _hi(lw: Any, a: Node, signed: bool = False) -> Node:
    return Node("INDIR%s8" % ("I" if signed else "U"), (_at(lw, a, 8),))


def _temp(lw: Any, t: Any) -> Node:
    return Node("ADDRLP8", (), lw.new_mem(t.size(), t.align()))


def _set_halves(lw: Any, r: Node, lo: Node, hi: Node) -> None:
    lw.emit(Node("ASGNU8", (_at(lw, r, 0), lo)))
    lw.emit(Node("ASGNU8", (_at(lw, r, 8), hi)))


def _re(lw: Any, a: Node, t: Any) -> Node:
    return lw.load(_at(lw, a, 0), _part_type(lw, t))


def _im(lw: Any, a: Node, t: Any) -> Node:
    return lw.load(_at(lw, a, t.size() // 2), _part_type(lw, t))


def _set_parts(lw: Any, r: Node, t: Any, re: Node, im: Node) -> None:
    pt = _part_type(lw, t)
    lw.emit(lw.store(_at(lw, r, 0), re, pt))
    lw.emit(lw.store(_at(lw, r, t.size() // 2), im, pt))


def _const_wide(lw: Any, v: Any, t: Any) -> Node:
    """A temporary holding the constant v of wide type t."""
    r = _temp(lw, t)
    if _is_i128(t):
        v = int(v) & ((1 << 128) - 1)
        _set_halves(lw, r, Node("CNSTU8", (), v & ((1 << 64) - 1)), Node("CNSTU8", (), v >> 64))
    else:
        c = complex(v)
        size = t.size() // 2
        _set_parts(lw, r, t, lw.const(c.real, "F", size), lw.const(c.imag, "F", size))
    return r


# ------------------------------------------------------------ entry points
def expr(lw: Any, e: Any) -> Node:
    """The address of the value of wide-typed e (a temporary or the lvalue
    itself), or the value tree of a scalar-typed e with wide operands."""
    t = e.type
    _check(t, e.loc)
    if not is_wide(t):
        return _scalar(lw, e)
    if not isinstance(e, (ast.Assign, ast.Call, ast.Unary, ast.Postfix, ast.StmtExpr,
                          ast.Comma, ast.VaArg, ast.Conditional)) or \
            (isinstance(e, ast.Unary) and e.op not in ("++", "--")):
        v = _fold(lw, e) if not _is_lvalue(e) else None
        if isinstance(v, (int, float, complex)) and not isinstance(v, bool):
            return _const_wide(lw, v, t)
    if _is_lvalue(e):
        return lw.addr(e)
    m = globals().get("_x_" + type(e).__name__)
    if m is None:
        raise CompileError(e.loc, "%s of type '%s' is not supported yet"
                           % (type(e).__name__, t))
    return m(lw, e)


def _fold(lw: Any, e: Any) -> Any:
    """sema's fold, except that float operands converted to __int128 are
    read exactly (fold holds float literals as doubles)."""
    if _is_i128(e.type) and isinstance(e, (ast.Cast, ast.ImplicitCast)) and \
            isinstance(e.expr.type, FloatType) and not e.expr.type.complex:
        from lcc.ir.data_float import _exact
        q = _exact(e.expr)
        if q is None:
            return None
        return e.type.wrap(int(q))
    return lw.analyzer.fold(e)


def cond(lw: Any, e: Any, t: str, f: str) -> None:
    """Jump to t if e (wide-typed, or with wide operands) is nonzero."""
    while isinstance(e, ast.ImplicitCast) and e.kind in ("qual", "bool"):
        e = e.expr
    if isinstance(e, ast.Unary) and e.op == "!":
        lw.cond(e.operand, f, t)
        return
    if isinstance(e, ast.Binary) and e.op in _CMP and (is_wide(e.left.type) or
                                                       is_wide(e.right.type)):
        _compare(lw, e, t, f)
        return
    if isinstance(e, ast.Comma):
        lw.effect(e.left)
        lw.cond(e.right, t, f)
        return
    if not is_wide(e.type):
        lw.branch_value(expr(lw, e), t, f)
        return
    _check(e.type, e.loc)
    a = lw.stable(expr(lw, e))
    _nonzero(lw, a, e.type, t, f)


def _nonzero(lw: Any, a: Node, ty: Any, t: str, f: str) -> None:
    if _is_i128(ty):
        lw.emit(Node("NEU8", (_lo(lw, a), Node("CNSTU8", (), 0)), t))
        lw.emit(Node("NEU8", (_hi(lw, a), Node("CNSTU8", (), 0)), t))
    else:
        size = ty.size() // 2
        lw.emit(Node("NEF%d" % size, (_re(lw, a, ty), lw.const(0.0, "F", size)), t))
        lw.emit(Node("NEF%d" % size, (_im(lw, a, ty), lw.const(0.0, "F", size)), t))
    lw.jump(f)


def _is_lvalue(e: Any) -> bool:
    return isinstance(e, (ast.Ident, ast.Index, ast.Member, ast.CompoundLiteral)) or \
        (isinstance(e, ast.Unary) and e.op == "*")


def _operand(lw: Any, e: Any) -> Node:
    """A reusable address (wide e) or value tree (scalar e)."""
    if is_wide(e.type):
        return lw.stable(expr(lw, e))
    return lw.stable(lw.expr(e))


# ---------------------------------------------------------- comparisons
def _compare(lw: Any, e: Any, t: str, f: str) -> None:
    op = _CMP[e.op]
    ty = e.left.type
    a = _operand(lw, e.left)
    b = _operand(lw, e.right)
    if _is_cplx(ty) or _is_cplx(e.right.type):
        size = ty.size() // 2
        pairs = ((_re(lw, a, ty), _re(lw, b, ty)), (_im(lw, a, ty), _im(lw, b, ty)))
        if op == "EQ":
            for x, y in pairs:
                lw.emit(Node("NEF%d" % size, (x, y), f))
            lw.jump(t)
        elif op == "NE":
            for x, y in pairs:
                lw.emit(Node("NEF%d" % size, (x, y), t))
            lw.jump(f)
        else:
            raise CompileError(e.loc, "invalid operands to binary %s" % e.op)
        return
    compare_i128(lw, op, a, b, ty.signed, t, f)


def compare_i128(lw: Any, op: str, a: Node, b: Node, sg: bool, t: str, f: str) -> None:
    """Jump to t when the __int128 values at a and b compare by op (EQ,
    LT, ...; signed when sg), else to f."""
    if op in ("EQ", "NE"):
        yes, no = (f, t) if op == "EQ" else (t, f)
        lw.emit(Node("NEU8", (_lo(lw, a), _lo(lw, b)), yes))
        lw.emit(Node("NEU8", (_hi(lw, a), _hi(lw, b)), yes))
        lw.jump(no)
        return
    hl = "I" if sg else "U"
    # The high halves decide unless equal; then the low halves, unsigned.
    first, second = ("LT", "GT") if op in ("LT", "LE") else ("GT", "LT")
    lw.emit(Node("%s%s8" % (first, hl), (_hi(lw, a, sg), _hi(lw, b, sg)), t))
    lw.emit(Node("%s%s8" % (second, hl), (_hi(lw, a, sg), _hi(lw, b, sg)), f))
    lw.emit(Node("%sU8" % op, (_lo(lw, a), _lo(lw, b)), t))
    lw.jump(f)


# ---------------------------------------------------------- conversions
def convert(lw: Any, v: Node, st: Any, dt: Any, loc: Any = None) -> Node:
    """Convert v (an address if st is wide, else a value tree) from C type
    st to dt: an address if dt is wide, else a value tree."""
    _check(st, loc)
    _check(dt, loc)
    if not is_wide(st) and not is_wide(dt):
        return lw.convert(v, st, dt)
    vec = lower_vector.convert(lw, v, st, dt, loc)
    if vec is not None:
        return vec
    st_u, dt_u = st.unqual(), dt.unqual()
    if dt.is_void:
        return lw.zero("I", 4)
    if _is_i128(dt):
        if _is_i128(st):
            return v
        if _is_cplx(st):
            return convert(lw, _re(lw, v, st), _part_type(lw, st), dt, loc)
        if isinstance(st, FloatType):
            return _libcall_ret(lw, "__fix%s%sfti" % ("uns" if not dt.signed else "",
                                                     _FSUFFIX[st.kind]), [(v, st_u)], dt_u)
        r = _temp(lw, dt)
        signed = isinstance(st, IntType) and st.signed and not is_bool(st)
        if signed:
            lo = lw.stable(lw.convert(v, st, lw.ts.long))
            _set_halves(lw, r, lw.cv(lo, "U", 8),
                        lw.cv(Node("RSHI8", (lw.clone(lo), Node("CNSTI4", (), 63))), "U", 8))
        else:
            _set_halves(lw, r, lw.convert(v, st, lw.ts.ulong), Node("CNSTU8", (), 0))
        return r
    if _is_cplx(dt):
        pt = _part_type(lw, dt)
        r = _temp(lw, dt)
        size = dt.size() // 2
        if _is_cplx(st):
            a = lw.stable(v)
            _set_parts(lw, r, dt, lw.convert(_re(lw, a, st), _part_type(lw, st), pt),
                       lw.convert(_im(lw, a, st), _part_type(lw, st), pt))
            return r
        re = convert(lw, v, st, pt, loc) if _is_i128(st) else lw.convert(v, st, pt)
        _set_parts(lw, r, dt, re, lw.const(0.0, "F", size))
        return r
    # dt is scalar; st is wide
    if is_bool(dt):
        tmp = lw.new_temp("U", 4)
        yes, no, done = lw.new_label(), lw.new_label(), lw.new_label()
        _nonzero(lw, lw.stable(v), st, yes, no)
        lw.start_block(yes)
        lw.write(tmp, Node("CNSTU4", (), 1))
        lw.jump(done)
        lw.start_block(no)
        lw.write(tmp, Node("CNSTU4", (), 0))
        lw.start_block(done)
        return lw.read(tmp)
    if _is_cplx(st):
        pt = _part_type(lw, st)
        return lw.convert(_re(lw, v, st), pt, dt)
    # st is __int128
    if isinstance(dt, FloatType):
        return _libcall(lw, "__float%sti%sf" % ("un" if not st.signed else "",
                                                _FSUFFIX[dt.kind]), [(v, st_u)], dt_u)
    return lw.convert(_lo(lw, v), lw.ts.ulong, dt)


def _libcall(lw: Any, name: str, args: Any, ret: Type) -> Node:
    """Call a libgcc helper returning a scalar."""
    ft = FuncType(ret, [t for _, t in args])
    r = lw.call(Node("ADDRGP8", (), name), ft, list(args), ret)
    assert r is not None
    return r


def _libcall_ret(lw: Any, name: str, args: Any, ret: Type) -> Node:
    """Call a libgcc helper returning a wide value; its temporary's address."""
    ft = FuncType(ret, [t for _, t in args])
    dest = _temp(lw, ret)
    lw.call(Node("ADDRGP8", (), name), ft, list(args), ret, lw.clone(dest))
    return dest


def _scalar(lw: Any, e: Any) -> Node:
    """Scalar-typed expressions with wide operands."""
    if isinstance(e, ast.Binary) and e.op in _CMP or \
            isinstance(e, ast.Unary) and e.op == "!":
        return lw.bool_value(e)
    if isinstance(e, (ast.ImplicitCast, ast.Cast)):
        if isinstance(e, ast.ImplicitCast) and e.kind == "lvalue":
            return lw.load_lvalue(e.expr)
        if e.type.is_void:
            lw.effect(e.expr)
            return lw.zero("I", 4)
        return convert(lw, expr(lw, e.expr), e.expr.type, e.type, e.loc)
    if isinstance(e, ast.Assign):
        return _x_Assign(lw, e)
    raise CompileError(e.loc, "%s with operands of type '%s' is not supported yet"
                       % (type(e).__name__, getattr(e, "left", e).type))


# ------------------------------------------------------ wide expressions
def _x_ImplicitCast(lw: Any, e: Any) -> Node:
    if e.kind == "lvalue":
        return lw.addr(e)           # (a bit-field's value: lower_addr)
    if e.kind == "qual":
        return expr(lw, e.expr)
    return convert(lw, _value(lw, e.expr), e.expr.type, e.type, e.loc)


def _x_Cast(lw: Any, e: Any) -> Node:
    return convert(lw, _value(lw, e.expr), e.expr.type, e.type, e.loc)


def _value(lw: Any, e: Any) -> Node:
    return expr(lw, e) if is_wide(e.type) else lw.expr(e)


def _x_IntLit(lw: Any, e: Any) -> Node:
    return _const_wide(lw, e.value, e.type)


def _x_FloatLit(lw: Any, e: Any) -> Node:
    # an imaginary constant such as 2.0i
    return _const_wide(lw, complex(0.0, e.value), e.type)


def _x_Comma(lw: Any, e: Any) -> Node:
    lw.effect(e.left)
    return expr(lw, e.right)


def _x_StmtExpr(lw: Any, e: Any) -> Node:
    last = lw.stmt_expr_body(e)
    r = _temp(lw, e.type)
    lw.copy_block(lw.clone(r), expr(lw, last), e.type.size())
    return r


def _x_Call(lw: Any, e: Any) -> Node:
    dest = _temp(lw, e.type)
    r = lw.call_expr(e, True, lw.clone(dest))
    return r if r is not None else dest


def _x_VaArg(lw: Any, e: Any) -> Node:
    from lcc.ir import lower_builtins
    return lower_builtins.va_arg(lw, e)


def _x_BuiltinTypeArg(lw: Any, e: Any) -> Node:
    from lcc.ir import lower_builtins
    r = lower_builtins.call(lw, e)
    assert r is not None
    return r


def _x_Conditional(lw: Any, e: Any) -> Node:
    t = e.type
    r = _temp(lw, t)
    yes, no, done = lw.new_label(), lw.new_label(), lw.new_label()
    if e.then is None:
        c = lw.stable(_value(lw, e.cond))
        lw.copy_block(lw.clone(r), convert(lw, c, e.cond.type, t, e.loc), t.size())
        if is_wide(e.cond.type):
            _nonzero(lw, lw.clone(c), e.cond.type, done, no)
        else:
            lw.branch_value(lw.clone(c), done, no)
        lw.start_block(no)
        lw.copy_block(lw.clone(r), expr(lw, e.els), t.size())
        lw.start_block(done)
        return r
    lw.cond(e.cond, yes, no)
    lw.start_block(yes)
    lw.copy_block(lw.clone(r), expr(lw, e.then), t.size())
    lw.jump(done)
    lw.start_block(no)
    lw.copy_block(lw.clone(r), expr(lw, e.els), t.size())
    lw.start_block(done)
    return r


def _x_Unary(lw: Any, e: Any) -> Node:
    op = e.op
    t = e.type
    if op in ("+", "__extension__"):
        return expr(lw, e.operand)
    if op in ("++", "--"):
        return _incdec(lw, e, op == "--", True)
    if op in ("__real__", "__imag__"):
        # of a non-complex wide operand (complex operands give a real type)
        if op == "__real__":
            return expr(lw, e.operand)
        lw.effect(e.operand)
        return _const_wide(lw, 0, t)
    a = lw.stable(expr(lw, e.operand))
    if isinstance(t, VectorType):
        return lower_vector.unary(lw, op, a, t, e.loc)
    r = _temp(lw, t)
    if _is_i128(t):
        if op == "-":
            zero = _const_wide(lw, 0, t)
            return _addsub(lw, zero, a, t, True)
        if op == "~":
            _set_halves(lw, r, Node("BCOMU8", (_lo(lw, a),)), Node("BCOMU8", (_hi(lw, a),)))
            return r
    else:
        size = t.size() // 2
        if op == "-":
            _set_parts(lw, r, t, Node("NEGF%d" % size, (_re(lw, a, t),)),
                       Node("NEGF%d" % size, (_im(lw, a, t),)))
            return r
        if op == "~":
            _set_parts(lw, r, t, _re(lw, a, t), Node("NEGF%d" % size, (_im(lw, a, t),)))
            return r
    raise CompileError(e.loc, "unary %s on '%s' is not supported yet" % (op, t))


def _x_Postfix(lw: Any, e: Any) -> Node:
    return _incdec(lw, e, e.op == "--", False)


def _incdec(lw: Any, e: Any, sub: bool, prefix: bool) -> Node:
    t = e.type
    a = lw.stable(lw.addr(e.operand))
    bf = lw.bitfield(e.operand)
    if bf is not None:              # an __int128 bit-field (lower_bitwide)
        old = lw.stable(lw.bitfield_extract(lw.clone(a), bf[0]))
    else:
        old = _temp(lw, t)
        lw.copy_block(lw.clone(old), lw.clone(a), t.size())
    one = _const_wide(lw, 1, t)
    new = _arith(lw, "-" if sub else "+", old, one, t, e.loc)
    if bf is not None:
        new = lw.bitfield_insert(a, bf[0], new, True)
    else:
        lw.copy_block(lw.clone(a), lw.clone(new), t.size())
    return new if prefix else old


def _x_Binary(lw: Any, e: Any) -> Node:
    lt, rt = e.left.type, e.right.type
    if isinstance(lt, VectorType) or isinstance(rt, VectorType):
        a, b = _operand(lw, e.left), _operand(lw, e.right)
        if e.op in _CMP:
            return lower_vector.compare(lw, e.op, a, lt, b, rt, e.type)
        return lower_vector.arith(lw, e.op, a, lt, b, rt, e.type, e.loc)
    if e.op in _CMP or e.op in ("&&", "||"):
        raise CompileError(e.loc, "comparison of wide type as a wide value (internal)")
    a = _operand(lw, e.left)
    if e.op in ("<<", ">>"):
        return _shift(lw, e.op, a, e.right, e.type, e.loc)
    b = _operand(lw, e.right)
    return _arith(lw, e.op, a, b, e.type, e.loc)


def _x_Assign(lw: Any, e: Any) -> Node:
    tgt = e.target
    t = tgt.type.unqual()
    if e.op == "=":
        src = lw.stable(_value(lw, e.value))
        dst = lw.stable(lw.addr(tgt))
        if is_wide(t) and lw.bitfield(tgt) is not None:
            return lw.bitfield_insert(dst, lw.bitfield(tgt)[0], src, True)
        if is_wide(t):
            lw.copy_block(lw.clone(dst), lw.clone(src), t.size())
            return dst
        return _store_scalar(lw, tgt, dst, src, t)
    op = e.op[:-1]
    dst = lw.stable(lw.addr(tgt))
    if isinstance(t, VectorType):
        b = _operand(lw, e.value)
        new = lower_vector.arith(lw, op, dst, t, b, e.value.type, t, e.loc)
        lw.copy_block(lw.clone(dst), new, t.size())
        return dst
    bf = lw.bitfield(tgt)
    if bf is not None:
        old = lw.stable(lw.bitfield_extract(lw.clone(dst), bf[0]))
    elif is_wide(t):
        old = lw.clone(dst)
    else:
        old = lw.stable(lw.load(lw.clone(dst), t))
    if op in ("<<", ">>"):
        if not _is_i128(t):
            raise CompileError(e.loc, "shift of '%s' is not supported yet" % t)
        new = _shift(lw, op, old, e.value, t, e.loc)
    else:
        ct = e.value.type
        a = lw.stable(convert(lw, old, t, ct, e.loc)) if _differ(t, ct) else old
        b = _operand(lw, e.value)
        if is_wide(ct):
            r = _arith(lw, op, a, b, ct, e.loc)
        else:
            r = lw.arith(op, a, b, ct)
        new = convert(lw, r, ct, t, e.loc) if (is_wide(ct) or is_wide(t)) and \
            _differ(ct, t) else r
    if bf is not None:
        v = lw.bitfield_insert(dst, bf[0], new, True)
        return v
    if is_wide(t):
        lw.copy_block(lw.clone(dst), lw.clone(new), t.size())
        return dst
    return _store_scalar(lw, tgt, dst, new, t)


def _differ(a: Any, b: Any) -> bool:
    a, b = a.unqual(), b.unqual()
    if type(a) is not type(b):
        return True
    if isinstance(a, IntType):
        return a.kind != b.kind or a.signed != b.signed
    if isinstance(a, FloatType):
        return a.kind != b.kind or a.complex != b.complex
    return True


def _store_scalar(lw: Any, tgt: Any, dst: Node, v: Node, t: Any) -> Node:
    v = lw.stable(v)
    bf = lw.bitfield(tgt)
    if bf is not None:
        r = lw.bitfield_insert(dst, bf[0], v, True)
        return r
    lw.emit(lw.store(lw.clone(dst), v, t))
    return lw.clone(v)


# ----------------------------------------------------------- arithmetic
def _arith(lw: Any, op: str, a: Node, b: Node, t: Any, loc: Any) -> Node:
    """a op b for two addresses of values of wide type t; a temp's address."""
    if _is_cplx(t):
        return _complex_arith(lw, op, a, b, t, loc)
    if op in ("+", "-"):
        return _addsub(lw, a, b, t, op == "-")
    if op in ("&", "|", "^"):
        o = {"&": "BANDU8", "|": "BORU8", "^": "BXORU8"}[op]
        r = _temp(lw, t)
        _set_halves(lw, r, Node(o, (_lo(lw, a), _lo(lw, b))), Node(o, (_hi(lw, a), _hi(lw, b))))
        return r
    name = {"*": "__multi3", "/": "__divti3" if t.signed else "__udivti3",
            "%": "__modti3" if t.signed else "__umodti3"}.get(op)
    if name is None:
        raise CompileError(loc, "operator %s on '%s' is not supported yet" % (op, t))
    tu = t.unqual()
    return _libcall_ret(lw, name, [(lw.clone(a), tu), (lw.clone(b), tu)], tu)


def _addsub(lw: Any, a: Node, b: Node, t: Any, sub: bool) -> Node:
    r = _temp(lw, t)
    if not sub:
        lo = Node("ADDU8", (_lo(lw, a), _lo(lw, b)))
    else:
        lo = Node("SUBU8", (_lo(lw, a), _lo(lw, b)))
    lw.emit(Node("ASGNU8", (_at(lw, r, 0), lo)))
    # carry = top bit of (a & b) | ((a | b) & ~sum);
    # borrow = top bit of (~a & b) | (~(a ^ b) & diff)
    if not sub:
        c = Node("BORU8", (Node("BANDU8", (_lo(lw, a), _lo(lw, b))),
                           Node("BANDU8", (Node("BORU8", (_lo(lw, a), _lo(lw, b))),
                                           Node("BCOMU8", (_lo(lw, r),))))))
    else:
        c = Node("BORU8", (Node("BANDU8", (Node("BCOMU8", (_lo(lw, a),)), _lo(lw, b))),
                           Node("BANDU8", (Node("BCOMU8", (Node("BXORU8", (_lo(lw, a),
                                                                           _lo(lw, b))),)),
                                           _lo(lw, r)))))
    carry = Node("RSHU8", (c, Node("CNSTI4", (), 63)))
    o = "SUBU8" if sub else "ADDU8"
    hi = Node(o, (Node(o, (_hi(lw, a), _hi(lw, b))), carry))
    lw.emit(Node("ASGNU8", (_at(lw, r, 8), hi)))
    return r


def _shift(lw: Any, op: str, a: Node, count: Any, t: Any, loc: Any) -> Node:
    n = lw.analyzer.fold(count)
    if isinstance(n, int) and 0 <= n < 128:
        return _shift_const(lw, op, a, n, t)
    name = "__ashlti3" if op == "<<" else ("__ashrti3" if t.signed else "__lshrti3")
    c = lw.convert(lw.expr(count), count.type, lw.ts.int_)
    tu = t.unqual()
    return _libcall_ret(lw, name, [(lw.clone(a), tu), (c, lw.ts.int_)], tu)


def _shift_const(lw: Any, op: str, a: Node, n: int, t: Any) -> Node:
    r = _temp(lw, t)

    def k(v: int) -> Node:
        return Node("CNSTI4", (), v)
    lo, hi = _lo(lw, a), _hi(lw, a)
    if n == 0:
        _set_halves(lw, r, lo, hi)
        return r
    if op == "<<":
        if n >= 64:
            nh = Node("LSHU8", (lo, k(n - 64))) if n > 64 else lo
            _set_halves(lw, r, Node("CNSTU8", (), 0), nh)
        else:
            nh = Node("BORU8", (Node("LSHU8", (hi, k(n))),
                                Node("RSHU8", (_lo(lw, a), k(64 - n)))))
            _set_halves(lw, r, Node("LSHU8", (lo, k(n))), nh)
        return r
    signed = t.signed
    if signed:
        shi = _hi(lw, a, True)
        fill = lw.cv(Node("RSHI8", (_hi(lw, a, True), k(63))), "U", 8)
    if n >= 64:
        if signed:
            nl = lw.cv(Node("RSHI8", (shi, k(n - 64))), "U", 8) if n > 64 else hi
            _set_halves(lw, r, nl, fill)
        else:
            nl = Node("RSHU8", (hi, k(n - 64))) if n > 64 else hi
            _set_halves(lw, r, nl, Node("CNSTU8", (), 0))
        return r
    nl = Node("BORU8", (Node("RSHU8", (lo, k(n))), Node("LSHU8", (_hi(lw, a), k(64 - n)))))
    nh = lw.cv(Node("RSHI8", (shi, k(n))), "U", 8) if signed else Node("RSHU8", (hi, k(n)))
    _set_halves(lw, r, nl, nh)
    return r


def _complex_arith(lw: Any, op: str, a: Node, b: Node, t: Any, loc: Any) -> Node:
    size = t.size() // 2
    if op in ("+", "-"):
        o = "%sF%d" % ("ADD" if op == "+" else "SUB", size)
        r = _temp(lw, t)
        _set_parts(lw, r, t, Node(o, (_re(lw, a, t), _re(lw, b, t))),
                   Node(o, (_im(lw, a, t), _im(lw, b, t))))
        return r
    if op in ("*", "/"):
        pt = _part_type(lw, t)
        name = "__%s%sc3" % ("mul" if op == "*" else "div", _FSUFFIX[t.kind])
        args = [(_re(lw, a, t), pt), (_im(lw, a, t), pt), (_re(lw, b, t), pt),
                (_im(lw, b, t), pt)]
        # the argument trees must not contain calls: they are plain loads
        return _libcall_ret(lw, name, args, t.unqual())
    raise CompileError(loc, "invalid operands to binary %s" % op)
