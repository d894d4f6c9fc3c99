"""Lowering of builtin calls, and the entry to va_arg.

`call(lw, e)` lowers a call of a `__builtin_*`, `__sync_*` or `__atomic_*`
function: it returns the result's value tree (scalar results), the
address of a temporary holding it (`_Complex` results), or None (void).
Builtins that are just library functions (memcpy, strlen, printf,
sqrt, ...) raise NotImplementedError: the caller then emits a plain call
of the name without `__builtin_`.

Bit counting uses libgcc (`__clzdi2`, `__ctzdi2`, `__popcountdi2`,
`__paritydi2`, `__clrsbdi2`, `__ffsdi2`); float classification and
fabs/copysign/signbit look at the bits of the value stored in memory, the
same code for float, double and x87 long double.  The atomics and the
overflow builtins are in lower_atomic.py, va_arg in lower_va.py.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir import lower_atomic, lower_builtins_lib, lower_va
from lcc.ir.tree import Node
from lcc.sema.types import FloatType, FuncType, IntType, PointerType, Type


# Library functions gcc treats as builtins even when the program declares
# or defines them (without -fno-builtin), expanding them inline at -O0.
ALWAYS_BUILTIN = frozenset("""
alloca abs labs llabs imaxabs fabs fabsf fabsl copysign copysignf copysignl
creal crealf creall cimag cimagf cimagl conj conjf conjl
""".split())


def va_arg(lw: Any, e: Any) -> Node:
    """Lower `__builtin_va_arg(ap, T)` (ast.VaArg) per the SysV x86-64 ABI:
    the value tree for scalar T, the argument's address for memory types."""
    return lower_va.va_arg(lw, e)


def call(lw: Any, e: Any) -> Optional[Node]:
    """Lower a builtin call (see the module doc)."""
    if isinstance(e, ast.Offsetof):
        return _offsetof(lw, e)
    if isinstance(e, ast.BuiltinTypeArg):
        if e.name == "__builtin_convertvector" and e.args and hasattr(e.args[0], "type"):
            from lcc.ir import lower_vector
            v = lw.stable(lw.addr(e.args[0]))
            return lower_vector.convertvector(lw, v, e.args[0].type, e.type)
        raise CompileError(e.loc, "'%s' is not supported yet" % e.name)
    if isinstance(e, ast.TypesCompatible):
        return lw.iconst(lw.analyzer.fold(e) or 0, e.type)
    sym = lw.callee(e)
    if sym is None:
        raise NotImplementedError
    name = sym.name
    if name.startswith(("__sync_", "__atomic_")):
        return lower_atomic.atomic(lw, e, name)
    short = name[len("__builtin_"):] if name.startswith("__builtin_") else name
    h = _HANDLERS.get(short) or lower_builtins_lib.HANDLERS.get(short)
    if h is None:
        if short.endswith("_overflow") or short.endswith("_overflow_p"):
            return lower_atomic.overflow(lw, e, short)
        if name.startswith("__builtin_") and _is_library(short):
            return _library_call(lw, e, _RENAME.get(short, short))
        raise NotImplementedError
    return h(lw, e, short, list(e.args or []))


# __builtin_X that are calls of the C library's X (glibc has them all);
# the *_unlocked printf forms are not in glibc: gcc calls the locked ones.
_RENAME = {"printf_unlocked": "printf", "fprintf_unlocked": "fprintf"}
_EXTRA_LIBRARY = set("""
mempcpy stpncpy strcspn strspn strpbrk fwrite fwrite_unlocked fputs_unlocked fputc_unlocked
putc_unlocked putchar_unlocked printf_unlocked fprintf_unlocked memrchr rawmemchr strchrnul
strcasecmp strncasecmp strnlen strtok strerror vfprintf vprintf vsnprintf vsprintf
memcpy_chk memmove_chk memset_chk strcpy_chk strncpy_chk stpcpy_chk stpncpy_chk strcat_chk
strncat_chk sprintf_chk snprintf_chk vsprintf_chk vsnprintf_chk printf_chk fprintf_chk
vprintf_chk vfprintf_chk mempcpy_chk
""".split())


def _is_library(short: str) -> bool:
    from lcc.sema.builtin_sigs import LIBC_SIGS
    return short in LIBC_SIGS or short in _EXTRA_LIBRARY


def _library_call(lw: Any, e: Any, name: str) -> Optional[Node]:
    """`__builtin_X(...)` as a call of X: under the assembler name the
    program declared X with (`extern char *strstr(...) __asm("my_strstr")`
    makes __builtin_strstr call my_strstr, as gcc does)."""
    from lcc.ir.lower_types import is_memory_type
    if name.endswith("_chk") and not name.startswith("__"):
        name = "__" + name
    decl = lw.analyzer.externs.get(name)
    asm = getattr(decl, "asm_label", None) or name
    ft = e.func.type
    if isinstance(ft, PointerType):
        ft = ft.target
    args = []
    for a in e.args or []:
        args.append((lw.addr(a) if is_memory_type(a.type) else lw.expr(a), a.type))
    if is_memory_type(e.type):
        # (cexp, cpow...: the caller wants the address of the result)
        dest = Node("ADDRLP8", (), lw.new_mem(e.type.size(), e.type.align()))
        lw.call(Node("ADDRGP8", (), asm), ft, args, e.type, lw.clone(dest))
        return dest
    return lw.call(Node("ADDRGP8", (), asm), ft, args, e.type)


# ----------------------------------------------------------------- helpers
def _k(v: int, letter: str = "I", size: int = 4) -> Node:
    return Node("CNST%s%d" % (letter, size), (), v)


def _result(lw: Any, v: Node, src: Type, e: Any) -> Node:
    """v (of C type src) converted to the call's type."""
    return lw.convert(v, src, e.type)


def flag(lw: Any, branch: Callable[[str, str], None]) -> Node:
    """0/1 as an I4 value from code that branches to (true, false)."""
    t = lw.new_temp("I", 4)
    yes, no, done = lw.new_label(), lw.new_label(), lw.new_label()
    branch(yes, no)
    lw.start_block(yes)
    lw.write(t, _k(1))
    lw.jump(done)
    lw.start_block(no)
    lw.write(t, _k(0))
    lw.start_block(done)
    return lw.read(t)


def _libcall(lw: Any, name: str, args: List[Tuple[Node, Type]], ret: Type) -> Node:
    ft = FuncType(ret, [t for _, t in args])
    r = lw.call(Node("ADDRGP8", (), name), ft, args, ret)
    assert r is not None
    return r


def _effects(lw: Any, args: List[Any]) -> None:
    for a in args:
        lw.effect(a)


# -------------------------------------------------------------- simple ones
def _first(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """expect, assume_aligned, launder, speculation_safe_value: the first
    argument (the others are evaluated for their side effects)."""
    if not args:
        return lw.zero("I", 4)
    v = lw.stable(lw.expr(args[0]))
    _effects(lw, args[1:])
    return _result(lw, v, args[0].type, e)


def _constant_p(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    v = lw.analyzer.fold(e)
    return lw.iconst(1 if v else 0, e.type)


def _nothing(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """prefetch, va_end, clear_cache, unreachable: no code (arguments
    with side effects are still evaluated)."""
    _effects(lw, args if short != "unreachable" else [])
    return None


def _trap(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    lw.call(Node("ADDRGP8", (), "abort"), FuncType(lw.ts.void, []), [], lw.ts.void)
    return None


def _va_start(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    lower_va.va_start(lw, args[0])
    return None


def _va_copy(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    lower_va.va_copy(lw, args[0], args[1])
    return None


def _classify_type(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """gcc's type classes (typeclass.h)."""
    if not args:
        return lw.iconst(-1, e.type)
    a = args[0]
    # the argument is not promoted for this builtin
    while isinstance(a, ast.ImplicitCast) and a.kind in ("integral", "float", "qual"):
        a = a.expr
    t = a.type
    if isinstance(a, ast.ImplicitCast) and a.kind == "lvalue":
        t = a.type
    if t.is_void:
        c = 0
    elif isinstance(t, IntType):
        c = 4 if t.kind == "_Bool" else (3 if hasattr(t, "info") else 1)
    elif t.is_pointer:
        c = 5
    elif isinstance(t, FloatType):
        c = 9 if t.complex else 8
    elif t.is_func:
        c = 10
    elif t.is_record:
        c = 13 if t.is_union else 12
    elif t.is_array:
        c = 14
    else:
        c = -1
    lw.effect(args[0])
    return lw.iconst(c, e.type)


def _object_size(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    kind = lw.analyzer.fold(args[1]) if len(args) > 1 else 0
    _effects(lw, args[:1])
    return lw.iconst(-1 if kind in (0, 1) else 0, e.type)


def _alloca(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    n = lw.convert(lw.expr(args[0]), args[0].type, lw.ts.ulong)
    align = 0
    if short.startswith("alloca_with_align") and len(args) > 1:
        align = (lw.analyzer.fold(args[1]) or 0) // 8
    if align > 16:
        n = Node("ADDU8", (n, _k(align, "U", 8)))
        p = Node("ALLOCAP8", (n,))
        p = Node("CVUP8", (Node("BANDU8", (Node("ADDU8", (Node("CVPU8", (p,)),
                                                          _k(align - 1, "U", 8))),
                                           _k((1 << 64) - align, "U", 8))),))
        t = lw.temp_of(p)
        return lw.read(t)
    t = lw.temp_of(Node("ALLOCAP8", (n,)))
    return lw.read(t)


def _frame(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """return_address(N) / frame_address(N) through the %rbp chain (the
    back end always keeps a frame pointer), read with an asm statement."""
    from lcc.ir.func import AsmInfo
    level = lw.analyzer.fold(args[0]) if args else 0
    if not isinstance(level, int) or level < 0:
        raise CompileError(e.loc, "invalid argument to '__builtin_%s'" % short)
    tmp = lw.new_mem(8, 8)
    out = Node("ADDRLP8", (), tmp)
    lw.emit(Node("ASMV", (), AsmInfo("movq %%rbp, %0", [("=r", out)], [], [])))  # type: ignore
    p: Node = Node("INDIRP8", (Node("ADDRLP8", (), tmp),))
    for _ in range(level):
        p = Node("INDIRP8", (p,))
    if short == "return_address":
        p = Node("INDIRP8", (Node("ADDP8", (p, _k(8, "I", 8))),))
    return lw.read(lw.temp_of(p))


def _stack_save(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """stack_save reads %rsp; stack_restore does nothing (the space of VLAs
    made since is only given back when the function returns)."""
    from lcc.ir.func import AsmInfo
    if short == "stack_restore":
        _effects(lw, args)
        return None
    tmp = lw.new_mem(8, 8)
    lw.emit(Node("ASMV", (), AsmInfo("movq %%rsp, %0", [("=r", Node("ADDRLP8", (), tmp))],  # type: ignore
                                     [], [])))
    v = lw.read(lw.temp_of(Node("INDIRP8", (Node("ADDRLP8", (), tmp),))))
    return _result(lw, v, lw.ts.voidp, e)


def _complex(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """__builtin_complex(re, im)."""
    t = e.type
    half = t.size() // 2
    pt = {"float": lw.ts.float_, "double": lw.ts.double,
          "long double": lw.ts.ldouble}[t.kind]
    re = lw.stable(lw.convert(lw.expr(args[0]), args[0].type, pt))
    im = lw.stable(lw.convert(lw.expr(args[1]), args[1].type, pt))
    r = lw.new_mem(t.size(), t.align())
    lw.emit(lw.store(Node("ADDRLP8", (), r), re, pt))
    lw.emit(lw.store(Node("ADDP8", (Node("ADDRLP8", (), r), _k(half, "I", 8))), im, pt))
    return Node("ADDRLP8", (), r)


def _creal(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """creal/cimag/conj (f, l): parts of the complex argument."""
    a = args[0]
    at = a.type
    if not (isinstance(at, FloatType) and at.complex):
        raise NotImplementedError
    addr = lw.stable(lw.addr(a))
    half = at.size() // 2
    pt = {"float": lw.ts.float_, "double": lw.ts.double,
          "long double": lw.ts.ldouble}[at.kind]
    if short.startswith("conj"):
        r = lw.new_mem(at.size(), at.align())
        ra = Node("ADDRLP8", (), r)
        lw.emit(lw.store(ra, lw.load(lw.clone(addr), pt), pt))
        im = lw.load(Node("ADDP8", (lw.clone(addr), _k(half, "I", 8))), pt)
        lw.emit(lw.store(Node("ADDP8", (Node("ADDRLP8", (), r), _k(half, "I", 8))),
                         Node("NEGF%d" % half, (im,)), pt))
        return Node("ADDRLP8", (), r)
    if short.startswith("creal"):
        return _result(lw, lw.load(addr, pt), pt, e)
    return _result(lw, lw.load(Node("ADDP8", (addr, _k(half, "I", 8))), pt), pt, e)


def _abs(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    t = e.type
    lt, s = lw.vletter(t)
    v = lw.stable(lw.convert(lw.expr(args[0]), args[0].type, t))
    r = lw.new_temp(lt, s)
    lw.write(r, lw.clone(v))
    done = lw.new_label()
    lw.emit(Node("GE%s%d" % (lt, s), (lw.clone(v), lw.zero(lt, s)), done))
    lw.write(r, Node("NEG%s%d" % (lt, s), (lw.clone(v),)))
    lw.start_block(done)
    return lw.read(r)


# --------------------------------------------------------- bits of a float
def _ftype(lw: Any, short: str, args: List[Any]) -> Type:
    """The float type a classification builtin works in."""
    t = args[-1].type if args else lw.ts.double
    if isinstance(t, FloatType) and not t.complex:
        return t
    if short.endswith("f") and short not in ("isinf", "fpclassify"):
        return lw.ts.float_
    if short.endswith("l"):
        return lw.ts.ldouble
    return lw.ts.double


def _store_float(lw: Any, a: Any, ft: Type) -> str:
    """A 16-byte memory temp holding the value of a as type ft."""
    tmp = lw.new_mem(16, 16)
    lw.emit(lw.store(Node("ADDRLP8", (), tmp), lw.convert(lw.expr(a), a.type, ft), ft))
    return tmp


def _at(tmp: str, off: int) -> Node:
    a = Node("ADDRLP8", (), tmp)
    return Node("ADDP8", (a, _k(off, "I", 8))) if off else a


def _exp_mant(tmp: str, size: int) -> Tuple[Node, Node, int]:
    """(biased exponent U4/U8, fraction bits, all-ones exponent) of the
    float in tmp; for x87 the fraction excludes the explicit integer bit."""
    if size == 4:
        bits = Node("INDIRU4", (_at(tmp, 0),))
        e = Node("BANDU4", (Node("RSHU4", (bits, _k(23))), _k(0xFF, "U", 4)))
        m = Node("BANDU4", (Node("INDIRU4", (_at(tmp, 0),)), _k(0x7FFFFF, "U", 4)))
        return e, m, 0xFF
    if size == 8:
        bits = Node("INDIRU8", (_at(tmp, 0),))
        e = Node("BANDU8", (Node("RSHU8", (bits, _k(52))), _k(0x7FF, "U", 8)))
        m = Node("BANDU8", (Node("INDIRU8", (_at(tmp, 0),)), _k((1 << 52) - 1, "U", 8)))
        return e, m, 0x7FF
    e = Node("BANDU4", (Node("CVUU4", (Node("INDIRU2", (_at(tmp, 8),)),)), _k(0x7FFF, "U", 4)))
    m = Node("BANDU8", (Node("INDIRU8", (_at(tmp, 0),)), _k((1 << 63) - 1, "U", 8)))
    return e, m, 0x7FFF


def _sign_bit(tmp: str, size: int) -> Node:
    """The sign of the float in tmp as U4 0/1."""
    if size == 4:
        return Node("RSHU4", (Node("INDIRU4", (_at(tmp, 0),)), _k(31)))
    if size == 8:
        return Node("CVUU4", (Node("RSHU8", (Node("INDIRU8", (_at(tmp, 0),)), _k(63))),))
    return Node("RSHU4", (Node("CVUU4", (Node("INDIRU2", (_at(tmp, 8),)),)), _k(15)))


def _classify(lw: Any, tmp: str, size: int, cls: str, t: str, f: str) -> None:
    """Branch to t when the float in tmp is of class cls (nan, inf, finite,
    normal, subnormal, zero)."""
    def ex() -> Node:
        return _exp_mant(tmp, size)[0]

    def mant() -> Node:
        return _exp_mant(tmp, size)[1]
    top = _exp_mant(tmp, size)[2]
    el, es = ex().op.letter, ex().op.size
    ml, ms = mant().op.letter, mant().op.size
    if cls == "finite":
        lw.emit(Node("NE%s%d" % (el, es), (ex(), _k(top, el, es)), t))
    elif cls in ("nan", "inf"):
        lw.emit(Node("NE%s%d" % (el, es), (ex(), _k(top, el, es)), f))
        op = "NE" if cls == "nan" else "EQ"
        lw.emit(Node("%s%s%d" % (op, ml, ms), (mant(), _k(0, ml, ms)), t))
    elif cls == "normal":
        lw.emit(Node("EQ%s%d" % (el, es), (ex(), _k(top, el, es)), f))
        lw.emit(Node("NE%s%d" % (el, es), (ex(), _k(0, el, es)), t))
    else:   # subnormal / zero
        lw.emit(Node("NE%s%d" % (el, es), (ex(), _k(0, el, es)), f))
        op = "NE" if cls == "subnormal" else "EQ"
        lw.emit(Node("%s%s%d" % (op, ml, ms), (mant(), _k(0, ml, ms)), t))
    lw.jump(f)


_CLASS = {"isnan": "nan", "isinf": "inf", "isfinite": "finite", "finite": "finite",
          "isnormal": "normal", "issubnormal": "subnormal", "iszero": "zero"}


def _fclass(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    base = short
    if base not in _CLASS and base not in ("signbit", "isinf_sign") and base[-1] in "fl":
        base = base[:-1]
    ft = _ftype(lw, short, args)
    size = ft.size()
    tmp = _store_float(lw, args[0], ft)
    if base == "signbit":
        # the nonzero value gcc gives: the float's sign bit in place, 1 for
        # double (movmskpd), 512 for long double (fxam's C1 flag)
        sb = _sign_bit(tmp, size)
        if size != 8:
            sb = Node("LSHU4", (sb, _k(31 if size == 4 else 9)))
        return _result(lw, sb, lw.ts.uint, e)
    if base == "isinf_sign":
        r = lw.new_temp("I", 4)
        lw.write(r, _k(0))
        yes, done = lw.new_label(), lw.new_label()
        _classify(lw, tmp, size, "inf", yes, done)
        lw.start_block(yes)
        # 1 - 2 * sign
        lw.write(r, Node("SUBI4", (_k(1), Node("LSHI4", (Node("CVUI4", (_sign_bit(tmp, size),)),
                                                         _k(1))))))
        lw.start_block(done)
        return _result(lw, lw.read(r), lw.ts.int_, e)
    cls = _CLASS.get(base)
    if cls is None:
        raise CompileError(e.loc, "'__builtin_%s' is not supported yet" % short)
    v = flag(lw, lambda t, f: _classify(lw, tmp, size, cls, t, f))
    return _result(lw, v, lw.ts.int_, e)


def _fpclassify(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)."""
    x = args[5]
    ft = x.type if isinstance(x.type, FloatType) else lw.ts.double
    vals = [lw.stable(lw.convert(lw.expr(a), a.type, lw.ts.int_)) for a in args[:5]]
    tmp = _store_float(lw, x, ft)
    r = lw.new_temp("I", 4)
    done = lw.new_label()
    for i, cls in enumerate(("nan", "inf", "normal", "subnormal")):
        yes, no = lw.new_label(), lw.new_label()
        _classify(lw, tmp, ft.size(), cls, yes, no)
        lw.start_block(yes)
        lw.write(r, lw.clone(vals[i]))
        lw.jump(done)
        lw.start_block(no)
    lw.write(r, lw.clone(vals[4]))
    lw.start_block(done)
    return _result(lw, lw.read(r), lw.ts.int_, e)


def _fcompare(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """isgreater & co: quiet comparisons (false when unordered)."""
    a, b = args[0], args[1]
    ta, tb = a.type, b.type
    ts = lw.ts
    cands = [t for t in (ta, tb) if isinstance(t, FloatType)] or [ts.double]
    ct = max(cands, key=lambda t: t.size())
    x = lw.stable(lw.convert(lw.expr(a), ta, ct))
    y = lw.stable(lw.convert(lw.expr(b), tb, ct))
    s = ct.size()

    def br(t: str, f: str) -> None:
        def c(op: str, p: Node, q: Node, lab: str) -> None:
            lw.emit(Node("%sF%d" % (op, s), (lw.clone(p), lw.clone(q)), lab))
        if short == "isunordered":
            c("NE", x, x, t)
            c("NE", y, y, t)
        elif short == "islessgreater":
            c("LT", x, y, t)
            c("GT", x, y, t)
        else:
            c({"isgreater": "GT", "isgreaterequal": "GE", "isless": "LT",
               "islessequal": "LE"}[short], x, y, t)
        lw.jump(f)
    return _result(lw, flag(lw, br), ts.int_, e)


def _fabs(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """fabs and copysign (f, l): the sign bit set through memory."""
    ft = e.type
    size = ft.size()
    tmp = _store_float(lw, args[0], ft)
    sign: Optional[Node] = None
    if short.startswith("copysign"):
        t2 = _store_float(lw, args[1], ft)
        sign = _sign_bit(t2, size)
    if size == 16:
        hi = Node("BANDU4", (Node("CVUU4", (Node("INDIRU2", (_at(tmp, 8),)),)), _k(0x7FFF, "U", 4)))
        if sign is not None:
            hi = Node("BORU4", (hi, Node("LSHU4", (sign, _k(15)))))
        lw.emit(Node("ASGNU2", (_at(tmp, 8), Node("CVUU2", (hi,)))))
    else:
        sh = size * 8 - 1
        bits = Node("BANDU%d" % size, (Node("INDIRU%d" % size, (_at(tmp, 0),)),
                                       _k((1 << sh) - 1, "U", size)))
        if sign is not None:
            sg = sign if size == 4 else Node("CVUU8", (sign,))
            bits = Node("BORU%d" % size, (bits, Node("LSHU%d" % size, (sg, _k(sh)))))
        lw.emit(Node("ASGNU%d" % size, (_at(tmp, 0), bits)))
    return lw.load(_at(tmp, 0), ft)


def _fconst(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """inf, huge_val, nan (f, l): constants."""
    v = lw.analyzer.fold(e)
    if v is None:
        if short.startswith("nan") and not short.startswith("nans"):
            v = float("nan")
        else:
            raise CompileError(e.loc, "'__builtin_%s' with this argument is not supported yet"
                               % short)
    if short.startswith("nans"):
        raise CompileError(e.loc, "'__builtin_%s' is not supported yet" % short)
    return lw.const(float(v), "F", e.type.size())


# ------------------------------------------------------------ bit counting
def _bits(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    base = short.rstrip("l")
    wide = short.endswith("l")
    a = args[0]
    ts = lw.ts
    if base == "clrsb":
        v = lw.convert(lw.expr(a), a.type, ts.long)
        r = _libcall(lw, "__clrsbdi2", [(v, ts.long)], ts.int_)
        if not wide:
            r = Node("SUBI4", (r, _k(32)))
        return _result(lw, r, ts.int_, e)
    src = ts.ulong if wide else ts.uint
    v = lw.convert(lw.convert(lw.expr(a), a.type, src), src, ts.ulong)
    fn = {"clz": "__clzdi2", "ctz": "__ctzdi2", "popcount": "__popcountdi2",
          "parity": "__paritydi2", "ffs": "__ffsdi2"}[base]
    r = _libcall(lw, fn, [(v, ts.ulong)], ts.int_)
    if base == "clz" and not wide:
        r = Node("SUBI4", (r, _k(32)))
    return _result(lw, r, ts.int_, e)


def _bswap(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    n = int(short[5:])
    if n == 128:
        raise CompileError(e.loc, "'__builtin_bswap128' is not supported yet")
    a = args[0]
    ts = lw.ts
    if n == 64:
        v = lw.stable(lw.convert(lw.expr(a), a.type, ts.ulong))
        lo = Node("CVUU4", (lw.clone(v),))
        hi = Node("CVUU4", (Node("RSHU8", (lw.clone(v), _k(32))),))
        r = Node("BORU8", (Node("LSHU8", (Node("CVUU8", (_swap32(lw, lo),)), _k(32))),
                           Node("CVUU8", (_swap32(lw, hi),))))
        return _result(lw, r, ts.ulong, e)
    v = lw.stable(lw.convert(lw.expr(a), a.type, ts.uint))
    if n == 16:
        r = Node("BANDU4", (Node("BORU4", (Node("RSHU4", (lw.clone(v), _k(8))),
                                          Node("LSHU4", (lw.clone(v), _k(8))))),
                            _k(0xFFFF, "U", 4)))
        return _result(lw, r, ts.uint, e)
    return _result(lw, _swap32(lw, v), ts.uint, e)


def _swap32(lw: Any, v: Node) -> Node:
    v = lw.stable(v)

    def part(shift: int, left: bool, mask: int) -> Node:
        x = Node("LSHU4" if left else "RSHU4", (lw.clone(v), _k(shift)))
        return Node("BANDU4", (x, _k(mask, "U", 4))) if mask else x
    return Node("BORU4", (Node("BORU4", (part(24, False, 0), part(8, False, 0xFF00))),
                          Node("BORU4", (part(8, True, 0xFF0000), part(24, True, 0)))))


# ---------------------------------------------------------------- offsetof
def _offsetof(lw: Any, e: Any) -> Node:
    """offsetof with a non-constant array index."""
    from lcc.sema.types import ArrayType, RecordType
    t = e.typename.type
    off: Node = _k(0, "U", 8)
    for d in e.designators or []:
        if isinstance(d, ast.FieldDesignator):
            assert isinstance(t, RecordType)
            found = t.info.find(d.name)
            assert found is not None
            off = Node("ADDU8", (off, _k(found[1], "U", 8)))
            t = found[0][-1].type
        else:
            assert isinstance(t, ArrayType)
            i = lw.convert(lw.expr(d.lo), d.lo.type, lw.ts.ulong)
            off = Node("ADDU8", (off, Node("MULU8", (i, _k(t.elem.size(), "U", 8)))))
            t = t.elem
    return _result(lw, off, lw.ts.ulong, e)


_Handler = Callable[[Any, Any, str, List[Any]], Optional[Node]]
_HANDLERS: Dict[str, _Handler] = {}
for _names, _h in (
        ("expect expect_with_probability assume_aligned launder speculation_safe_value "
         "extract_return_addr frob_return_addr", _first),
        ("constant_p", _constant_p),
        ("prefetch va_end clear_cache unreachable", _nothing),
        ("trap", _trap), ("va_start c23_va_start", _va_start), ("va_copy", _va_copy),
        ("classify_type", _classify_type),
        ("object_size dynamic_object_size", _object_size),
        ("alloca alloca_with_align alloca_with_align_and_max", _alloca),
        ("return_address frame_address", _frame),
        ("complex", _complex), ("stack_save stack_restore", _stack_save),
        ("creal crealf creall cimag cimagf cimagl conj conjf conjl", _creal),
        ("abs labs llabs imaxabs", _abs),
        ("isnan isnanf isnanl isinf isinff isinfl isfinite finite finitef finitel isnormal "
         "issubnormal iszero signbit signbitf signbitl isinf_sign", _fclass),
        ("fpclassify", _fpclassify),
        ("isgreater isgreaterequal isless islessequal islessgreater isunordered", _fcompare),
        ("fabs fabsf fabsl copysign copysignf copysignl", _fabs),
        ("inf inff infl huge_val huge_valf huge_vall nan nanf nanl nans nansf nansl", _fconst),
        ("clz clzl clzll ctz ctzl ctzll popcount popcountl popcountll parity parityl "
         "parityll clrsb clrsbl clrsbll ffs ffsl ffsll", _bits),
        ("bswap16 bswap32 bswap64 bswap128", _bswap)):
    for _n in _names.split():
        _HANDLERS[_n] = _h


def _setjmp(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    """__builtin_setjmp(buf) / __builtin_longjmp(buf, 1) through libc's
    _setjmp/longjmp: the 5-word buf is too small for a jmp_buf, so the
    jmp_buf lives in the frame of the function calling __builtin_setjmp
    (valid exactly as long as gcc's buffer contents are) and buf[0] points
    to it.  That function keeps its locals in memory (it calls setjmp)."""
    ts = lw.ts
    buf = lw.stable(lw.expr(args[0]))
    if short == "setjmp":
        jb = lw.new_mem(200, 16)
        lw.emit(Node("ASGNP8", (lw.clone(buf), Node("ADDRLP8", (), jb))))
        r = _libcall(lw, "_setjmp", [(Node("ADDRLP8", (), jb), ts.voidp)], ts.int_)
        return _result(lw, r, ts.int_, e)
    lw.effect(args[1]) if len(args) > 1 else None
    lw.call(Node("ADDRGP8", (), "longjmp"), FuncType(ts.void, [ts.voidp, ts.int_]),
            [(Node("INDIRP8", (lw.clone(buf),)), ts.voidp), (_k(1), ts.int_)], ts.void)
    return None


def _shuffle(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    from lcc.ir import lower_vector
    from lcc.sema.types import VectorType
    if short != "shuffle" or len(args) not in (2, 3) or \
            not all(isinstance(a.type, VectorType) for a in args):
        raise CompileError(e.loc, "'__builtin_%s' is not supported yet" % short)
    vecs = [lw.stable(lw.addr(a)) for a in args[:-1]]
    mask = lw.stable(lw.addr(args[-1]))
    return lower_vector.shuffle(lw, vecs, args[0].type, mask, args[-1].type, e.type)


def _unsupported(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    raise CompileError(e.loc, "'__builtin_%s' is not supported yet" % short)


def _apply(lw: Any, e: Any, short: str, args: List[Any]) -> Optional[Node]:
    from lcc.ir import lower_apply
    return lower_apply.lower(lw, e, short, args)


_HANDLERS["setjmp"] = _HANDLERS["longjmp"] = _setjmp
_HANDLERS["shuffle"] = _shuffle
_HANDLERS["apply"] = _HANDLERS["apply_args"] = _HANDLERS["return"] = _apply
for _n in ("saveregs next_arg va_arg_pack "
           "va_arg_pack_len shufflevector call_with_static_chain "
           "LINE FILE FUNCTION tgmath").split():
    _HANDLERS[_n] = _unsupported
