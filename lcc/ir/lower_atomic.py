"""`__sync_*` / `__atomic_*` builtins and the overflow-checking arithmetic
builtins (`__builtin_add_overflow` & co).

lcc's programs are single-threaded as far as these builtins go: an atomic
operation is a plain load, computation and store (the values it returns
are the ones the documentation specifies); fences are no-ops.

Overflow builtins compute in __int128 (lower_wide), which holds any sum,
difference or product of 64-bit operands (unsigned __int128 for the
product of two unsigned ones), then store the result truncated to the
destination type and report whether converting it back changes it.
"""
from __future__ import annotations

from typing import Any, List, Optional

from lcc.diagnostics import CompileError
from lcc.ir.tree import Node
from lcc.sema.types import IntType, PointerType, Type

_OPS = {"add": "+", "sub": "-", "or": "|", "and": "&", "xor": "^", "nand": "nand"}


def _k(v: int, letter: str = "I", size: int = 4) -> Node:
    return Node("CNST%s%d" % (letter, size), (), v)


def _target(e: Any, p: Any) -> Type:
    t = p.type
    if not isinstance(t, PointerType):
        raise CompileError(e.loc, "argument 1 of '%s' must be a pointer type"
                           % getattr(e.func, "name", "atomic"))
    return t.target.unqual()


def _int_view(t: Type, lw: Any) -> Type:
    """The type the arithmetic of an atomic on T is done in (pointers as
    unsigned long: GNU does not scale atomic pointer arithmetic)."""
    if isinstance(t, PointerType):
        return lw.ts.ulong
    return t


def _op(lw: Any, op: str, a: Node, b: Node, t: Type) -> Node:
    lt, s = lw.vletter(t)
    if op == "nand":
        return Node("BCOM%s%d" % (lt, s), (Node("BAND%s%d" % (lt, s), (a, b)),))
    return lw.arith(op, a, b, t)


def atomic(lw: Any, e: Any, name: str) -> Optional[Node]:
    args: List[Any] = list(e.args or [])
    if name in ("__sync_synchronize", "__atomic_thread_fence", "__atomic_signal_fence"):
        for a in args:
            lw.effect(a)
        return None
    if name in ("__atomic_always_lock_free", "__atomic_is_lock_free"):
        n = lw.analyzer.fold(args[0]) if args else None
        for a in args[1:]:
            lw.effect(a)
        return lw.iconst(1 if isinstance(n, int) and n in (1, 2, 4, 8) else 0, e.type)
    p = lw.stable(lw.expr(args[0]))
    t = _target(e, args[0])
    if t.size() > 8 or not t.is_scalar:
        if name in ("__atomic_load", "__atomic_store", "__atomic_exchange",
                    "__atomic_compare_exchange"):
            return _generic(lw, e, name, p, t, args)
        raise CompileError(e.loc, "'%s' on '%s' is not supported yet" % (name, t))
    it = _int_view(t, lw)

    def val(i: int) -> Node:
        a = args[i]
        return lw.stable(lw.convert(lw.expr(a), a.type, it))

    def load() -> Node:
        v = lw.load(lw.clone(p), t)
        if isinstance(t, PointerType):
            v = lw.convert(v, t, it)
        return lw.stable(v)

    def store(v: Node) -> None:
        if isinstance(t, PointerType):
            v = lw.convert(v, it, t)
        lw.emit(lw.store(lw.clone(p), v, t))

    def ret(v: Node, vt: Type) -> Node:
        return lw.convert(v, vt, e.type) if not e.type.is_void else v

    short = name.split("_", 3)[-1] if name.startswith("__sync_") else name[len("__atomic_"):]
    if name.startswith("__sync_"):
        short = name[len("__sync_"):]
    for prefix in ("fetch_and_", "fetch_"):
        if short.startswith(prefix) and short[len(prefix):] in _OPS:
            opname = short[len(prefix):]
            old = load()
            store(_op(lw, _OPS[opname], lw.clone(old), val(1), it))
            return ret(lw.clone(old), it)
    for suffix in ("_and_fetch", "_fetch"):
        if short.endswith(suffix) and short[:-len(suffix)] in _OPS:
            old = load()
            new = lw.stable(_op(lw, _OPS[short[:-len(suffix)]], lw.clone(old), val(1), it))
            store(lw.clone(new))
            return ret(lw.clone(new), it)
    if short in ("load_n",):
        return ret(load(), it)
    if short in ("store_n", "lock_release", "clear"):
        v = val(1) if short == "store_n" else lw.convert(_k(0), lw.ts.int_, it)
        store(v)
        return None
    if short in ("exchange_n", "lock_test_and_set"):
        old = load()
        store(val(1))
        return ret(lw.clone(old), it)
    if short == "test_and_set":
        old = load()
        store(lw.convert(_k(1), lw.ts.int_, it))
        return _flag_ne0(lw, old, it, e)
    if short in ("bool_compare_and_swap", "val_compare_and_swap"):
        old = load()
        expect = val(1)
        new = val(2)
        lt, s = lw.vletter(it)
        r = lw.new_temp("I", 4)
        lw.write(r, _k(0))
        skip = lw.new_label()
        lw.emit(Node("NE%s%d" % (lt, s), (lw.clone(old), lw.clone(expect)), skip))
        store(lw.clone(new))
        lw.write(r, _k(1))
        lw.start_block(skip)
        if short.startswith("bool"):
            return ret(lw.read(r), lw.ts.int_)
        return ret(lw.clone(old), it)
    if short == "compare_exchange_n":
        old = load()
        ep = lw.stable(lw.expr(args[1]))
        expect = lw.stable(lw.convert(lw.load(lw.clone(ep), t), t, it))
        new = val(2)
        for a in args[3:]:
            lw.effect(a)
        lt, s = lw.vletter(it)
        r = lw.new_temp("I", 4)
        lw.write(r, _k(1))
        fail, done = lw.new_label(), lw.new_label()
        lw.emit(Node("NE%s%d" % (lt, s), (lw.clone(old), lw.clone(expect)), fail))
        store(lw.clone(new))
        lw.jump(done)
        lw.start_block(fail)
        lw.emit(lw.store(lw.clone(ep), lw.convert(lw.clone(old), it, t), t))
        lw.write(r, _k(0))
        lw.start_block(done)
        return ret(lw.read(r), lw.ts.int_)
    if name in ("__atomic_load", "__atomic_store", "__atomic_exchange",
                "__atomic_compare_exchange"):
        return _generic(lw, e, name, p, t, args)
    raise CompileError(e.loc, "'%s' is not supported yet" % name)


def _flag_ne0(lw: Any, v: Node, t: Type, e: Any) -> Node:
    lt, s = lw.vletter(t)
    r = lw.new_temp("I", 4)
    lw.write(r, _k(1))
    done = lw.new_label()
    lw.emit(Node("NE%s%d" % (lt, s), (lw.clone(v), lw.zero(lt, s)), done))
    lw.write(r, _k(0))
    lw.start_block(done)
    return lw.convert(lw.read(r), lw.ts.int_, e.type)


def _generic(lw: Any, e: Any, name: str, p: Node, t: Type, args: List[Any]) -> Optional[Node]:
    """__atomic_load/store/exchange/compare_exchange on objects of any size:
    block copies (and a bytewise comparison for compare_exchange)."""
    size = t.size()
    if name == "__atomic_load":
        lw.copy_block(lw.expr(args[1]), lw.clone(p), size)
        return None
    if name == "__atomic_store":
        lw.copy_block(lw.clone(p), lw.expr(args[1]), size)
        return None
    if name == "__atomic_exchange":
        v = lw.stable(lw.expr(args[1]))
        r = lw.expr(args[2])
        tmp = Node("ADDRLP8", (), lw.new_mem(size, 16))
        lw.copy_block(lw.clone(tmp), lw.clone(p), size)
        lw.copy_block(lw.clone(p), v, size)
        lw.copy_block(r, tmp, size)
        return None
    # compare_exchange(p, expected*, desired*, weak, so, fo)
    ep = lw.stable(lw.expr(args[1]))
    dp = lw.stable(lw.expr(args[2]))
    for a in args[3:]:
        lw.effect(a)
    r = lw.new_temp("I", 4)
    lw.write(r, _k(1))
    fail, done = lw.new_label(), lw.new_label()
    off = 0
    while off < size:
        n = 8 if size - off >= 8 else 4 if size - off >= 4 else 2 if size - off >= 2 else 1
        ld = "INDIRU%d" % n

        def at(base: Node) -> Node:
            b = lw.clone(base)
            return Node("ADDP8", (b, _k(off, "I", 8))) if off else b
        a = lw.cv(Node(ld, (at(p),)), "U", max(n, 4))
        b = lw.cv(Node(ld, (at(ep),)), "U", max(n, 4))
        lw.emit(Node("NEU%d" % max(n, 4), (a, b), fail))
        off += n
    lw.copy_block(lw.clone(p), lw.clone(dp), size)
    lw.jump(done)
    lw.start_block(fail)
    lw.copy_block(lw.clone(ep), lw.clone(p), size)
    lw.write(r, _k(0))
    lw.start_block(done)
    return lw.convert(lw.read(r), lw.ts.int_, e.type)


# ------------------------------------------------------------- overflow
def overflow(lw: Any, e: Any, short: str) -> Optional[Node]:
    """add/sub/mul_overflow[_p] and the typed s/u variants."""
    from lcc.ir import lower_wide
    ts = lw.ts
    args = list(e.args or [])
    if len(args) != 3:
        raise CompileError(e.loc, "wrong number of arguments to function '__builtin_%s'"
                           % short)
    is_p = short.endswith("_p")
    base = short[:-len("_overflow_p")] if is_p else short[:-len("_overflow")]
    typed = base not in ("add", "sub", "mul")
    op = base[1:4] if typed else base
    if op not in ("add", "sub", "mul"):
        raise CompileError(e.loc, "'__builtin_%s' is not supported yet" % short)
    a, b, res = args
    if typed:
        signed = base[0] == "s"
        rest = base[1 + 3:]
        k = {"": "int", "l": "long", "ll": "long long"}[rest]
        at = ts.ints[k if signed else "unsigned " + k]
        ta = tb = at
        rt = at
    else:
        ta, tb = _strip_promotion(a).type, _strip_promotion(b).type
        if is_p:
            rt = res.type
        else:
            if not isinstance(res.type, PointerType):
                raise CompileError(e.loc, "argument 3 in call to function '__builtin_%s' "
                                          "does not have pointer to integer type" % short)
            rt = res.type.target.unqual()
    for t in (ta, tb, rt):
        if not isinstance(t, IntType) or t.size() > (16 if t is rt else 8) or \
                t.kind == "_Bool" and t is rt:
            raise CompileError(e.loc, "'__builtin_%s' on '%s' is not supported yet"
                               % (short, t))
    wt = ts.uint128 if op == "mul" and not ta.signed and not tb.signed else ts.int128
    av = lw.stable(lw.expr(a))
    bv = lw.stable(lw.expr(b))
    # the operands' values as the caller wrote them (before promotion)
    av = lw.convert(av, a.type, ta)
    bv = lw.convert(bv, b.type, tb)
    wa = lw.stable(lower_wide.convert(lw, av, ta, wt))
    wb = lw.stable(lower_wide.convert(lw, bv, tb, wt))
    sym = {"add": "+", "sub": "-", "mul": "*"}[op]
    w = lw.stable(lower_wide._arith(lw, sym, wa, wb, wt, e.loc))
    r = lw.stable(lower_wide.convert(lw, lw.clone(w), wt, rt))
    if not is_p:
        if rt.size() == 16:
            lw.copy_block(lw.expr(res), lw.clone(r), 16)
        else:
            lw.emit(lw.store(lw.expr(res), lw.clone(r), rt))
    else:
        lw.effect(res)
    if rt.size() == 16:
        # the exact result always fits 128 bits; it overflows the result
        # type only when their signedness differs and its top bit is set
        if rt.signed == wt.signed:
            return lw.iconst(0, e.type)
        top = Node("RSHU8", (Node("INDIRU8", (Node("ADDP8", (lw.clone(w), _k(8, "I", 8))),)),
                             _k(63)))
        return lw.convert(top, ts.ulong, e.type)
    back = lw.stable(lower_wide.convert(lw, lw.clone(r), rt, wt))
    flag = lw.new_temp("I", 4)
    lw.write(flag, _k(1))
    done = lw.new_label()
    for off in (0, 8):
        def half(x: Node) -> Node:
            c = lw.clone(x)
            return Node("INDIRU8", (Node("ADDP8", (c, _k(off, "I", 8))) if off else c,))
        lw.emit(Node("NEU8", (half(w), half(back)), done))
    lw.write(flag, _k(0))
    lw.start_block(done)
    return lw.convert(lw.read(flag), ts.int_, e.type)


def _strip_promotion(x: Any) -> Any:
    """Sema converts the arguments of these type-generic builtins by the
    default promotions; their own types are the ones that count."""
    from lcc import ast
    while isinstance(x, ast.ImplicitCast) and x.kind in ("integral", "qual"):
        x = x.expr
    return x
