"""Lowering assignments, ++/--, bit-fields and calls."""
from __future__ import annotations

from typing import Any, List, Optional, TYPE_CHECKING, Tuple

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir import lower_bitwide
from lcc.ir.func import CallSite
from lcc.ir.lower_types import is_bool, is_memory_type, is_wide
from lcc.ir.tree import Node
from lcc.sema.typerules import promote
from lcc.sema.types import FloatType, FuncType, IntType, PointerType, RecordType, is_vm_record


def _builtins() -> Any:
    from lcc.ir import lower_builtins
    return lower_builtins


def _strip(e: Any) -> Any:
    while isinstance(e, ast.ImplicitCast) and e.kind == "qual":
        e = e.expr
    return e


def _libc_names() -> Any:
    try:
        from lcc import builtins as b
        return set(getattr(b, "_LIBC_LIKE", []))
    except ImportError:   # pragma: no cover
        return set()


if TYPE_CHECKING:
    # The mixins are parts of the Lowerer (lower.py): their attributes come
    # from the others, so mypy sees them as Any.
    from typing import Any as _Base
else:
    _Base = object


class OpsMixin(_Base):
    """Part of the Lowerer."""

    # ------------------------------------------------------ bit-fields
    def bitfield(self, e: Any) -> Optional[Tuple[Any, int]]:
        """(Member, byte offset) when lvalue e designates a bit-field."""
        e = _strip(e)
        if not isinstance(e, ast.Member):
            return None
        bt = e.base.type
        if e.arrow:
            bt = bt.target
        if not isinstance(bt, RecordType):
            return None
        found = bt.info.find(e.name)
        if found is None or found[0][-1].bit_width is None:
            return None
        return found[0][-1], found[1]

    def _unit(self, m: Any) -> Tuple[int, int]:
        """(bytes loaded, working width in bits) for bit-field member m."""
        nbits = m.bit_offset + m.bit_width
        for n in (1, 2, 4, 8):
            if n * 8 >= nbits:
                break
        else:       # (lower_bitwide's: see bitfield_extract)
            raise CompileError(m.loc, "bit-field spanning more than 8 bytes (internal)")
        w = 64 if n == 8 or m.type.size() == 8 else 32
        return n, w

    def bitfield_load(self, e: Any, bf: Tuple[Any, int]) -> Node:
        return self.bitfield_extract(self.addr(e), bf[0])

    def bitfield_extract(self, addr: Node, m: Any) -> Node:
        if lower_bitwide.needed(m):
            return lower_bitwide.extract(self, addr, m)
        n, w = self._unit(m)
        raw = Node("INDIRU%d" % n, (addr,))
        x = self.cv(raw, "U", w // 8)
        signed = isinstance(m.type, IntType) and m.type.signed and m.type.kind != "_Bool"
        width, off = m.bit_width, m.bit_offset
        if signed:
            shl = w - off - width
            if shl:
                x = Node("LSHU%d" % (w // 8), (x, self.const(shl, "I", 4)))
            x = self.cv(x, "I", w // 8)
            if w - width:
                x = Node("RSHI%d" % (w // 8), (x, self.const(w - width, "I", 4)))
        else:
            if off:
                x = Node("RSHU%d" % (w // 8), (x, self.const(off, "I", 4)))
            if off + width < w:
                x = Node("BANDU%d" % (w // 8), (x, self.const((1 << width) - 1, "U",
                                                              w // 8)))
        ltr, s = self.vletter(m.type)
        return self.cv(x, ltr, s)

    def bitfield_store(self, e: Any, bf: Tuple[Any, int], v: Node, want: bool) -> Optional[Node]:
        """Store value tree v (of the field's type) into bit-field lvalue e;
        returns the value the field then holds when want."""
        addr = self.stable(self.addr(e))
        return self.bitfield_insert(addr, bf[0], v, want)

    def bitfield_insert(self, addr: Node, m: Any, v: Node, want: bool) -> Optional[Node]:
        if lower_bitwide.needed(m):
            return lower_bitwide.insert(self, addr, m, v, want)
        n, w = self._unit(m)
        width, off = m.bit_width, m.bit_offset
        if want:
            v = self.stable(v)
        mask = (1 << width) - 1
        wl = "U%d" % (w // 8)
        old = self.cv(Node("INDIRU%d" % n, (self.clone(addr),)), "U", w // 8)
        vv = self.cv(self.clone(v), "U", w // 8) if v.op.letter != "P" else \
            self.cv(self.cv(self.clone(v), "U", 8), "U", w // 8)
        part = Node("BAND" + wl, (vv, self.const(mask, "U", w // 8)))
        if off:
            part = Node("LSH" + wl, (part, self.const(off, "I", 4)))
        keep = ~(mask << off) & ((1 << w) - 1)
        new = Node("BOR" + wl, (Node("BAND" + wl, (old, self.const(keep, "U", w // 8))),
                                part))
        self.emit(Node("ASGNU%d" % n, (self.clone(addr),
                                       self.cv(new, "U", n) if n != w // 8 else new)))
        if not want:
            return None
        ltr, s = v.op.letter, v.op.size
        signed = isinstance(m.type, IntType) and m.type.signed and m.type.kind != "_Bool"
        if width >= s * 8:
            return self.clone(v)
        if signed:
            sh = self.const(s * 8 - width, "I", 4)
            x = Node("LSH%s%d" % (ltr, s), (self.clone(v), sh))
            x = self.cv(x, "I", s)
            x = Node("RSHI%d" % s, (x, self.const(s * 8 - width, "I", 4)))
            return self.cv(x, ltr, s)
        return Node("BAND%s%d" % (ltr, s), (self.clone(v), self.const(mask, ltr, s)))

    def bitfield_precision(self, e: Any) -> int:
        """gcc gives a bit-field of a 64-bit type wider than 32 bits a type
        of its own precision (`unsigned long long:40`): arithmetic with
        operands no wider is done modulo 2^width.  The width, else 0."""
        if e.op not in ("+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^") or \
                not isinstance(e.type, IntType) or e.type.size() != 8:
            return 0

        def width(x: Any) -> int:
            x = _strip(x)
            if isinstance(x, ast.ImplicitCast) and x.kind == "lvalue":
                bf = self.bitfield(x.expr)
                if bf is not None and bf[0].type.size() == 8 and 32 < bf[0].bit_width < 64:
                    return bf[0].bit_width
                return 64 if x.type.size() == 8 else 32
            if isinstance(x, ast.ImplicitCast) and x.kind == "integral":
                return min(x.expr.type.size(), 8) * 8
            return x.type.size() * 8 if hasattr(x.type, "size") else 64

        wl = width(e.left)
        wr = width(e.right) if e.op not in ("<<", ">>") else 0
        w = max(wl, wr)
        return w if 32 < w < 64 else 0

    def truncate_bits(self, v: Node, width: int, signed: bool) -> Node:
        ltr, s = v.op.letter, v.op.size
        if signed:
            sh = self.const(s * 8 - width, "I", 4)
            x = self.cv(Node("LSH%s%d" % (ltr, s), (v, sh)), "I", s)
            return self.cv(Node("RSHI%d" % s, (x, self.const(s * 8 - width, "I", 4))), ltr, s)
        return Node("BAND%s%d" % (ltr, s), (v, self.const((1 << width) - 1, ltr, s)))

    # ------------------------------------------------------ assignment
    def assign(self, e: Any, want: bool) -> Optional[Node]:
        """Lower `target op= value`; the new value of target when want (for
        aggregates: the target's address)."""
        tgt = e.target
        t = tgt.type
        if is_wide(t) and e.op == "=" and self.bitfield(tgt) is not None:
            # an __int128 bit-field: the value's address (lower_bitwide)
            return self.bitfield_store(tgt, self.bitfield(tgt), self.addr(e.value), want)
        if is_memory_type(t):
            if e.op != "=":
                return self.wide_assign(e, want)
            src = self.addr(e.value)
            dst = self.addr(tgt)
            if want:
                dst = self.stable(dst)
            self.copy_object(dst, src, t)
            return self.clone(dst) if want else None
        if is_wide(e.value.type):
            return self.wide_assign(e, want)
        bf = self.bitfield(tgt)
        if e.op == "=":
            v = self.expr(e.value)
            if bf is not None:
                return self.bitfield_store(tgt, bf, v, want)
            a = self.addr(tgt)
            if want:
                v = self.stable(v)
            self.emit(self.store(a, v, t))
            return self.clone(v) if want else None
        op = e.op[:-1]
        a = self.stable(self.addr(tgt))
        if bf is not None:
            old = self.bitfield_extract(self.clone(a), bf[0])
        else:
            old = self.load(self.clone(a), t)
        if t.quals & 2:
            self._volatile = True
        if t.is_pointer:
            old = self.stable(old)
            n = self.expr(e.value)
            new = self.offset_pointer(old, n, t, op == "-")
        else:
            # `value` is converted to the common type of `target op value`.
            ct = promote(self.ts, t) if op in ("<<", ">>") else e.value.type
            if isinstance(ct, IntType) and isinstance(t, IntType) and op not in ("<<", ">>") \
                    and ct.size() < 4:
                ct = promote(self.ts, ct)
            oldc = self.convert(old, t, ct)
            n = self.expr(e.value)
            r = self.arith(op, oldc, n, ct)
            new = self.convert(r, ct, t)
        if bf is not None:
            return self.bitfield_insert(a, bf[0], new, want)
        if want:
            new = self.stable(new)
        self.emit(self.store(self.clone(a), new, t))
        return self.clone(new) if want else None

    def wide_assign(self, e: Any, want: bool) -> Optional[Node]:
        from lcc.ir import lower_wide
        r = lower_wide.expr(self, e)
        return r if want else None

    def incdec(self, e: Any, op: str, prefix: bool, want: bool) -> Optional[Node]:
        """++/-- on lvalue e.operand; the value of the expression when want."""
        tgt = e.operand
        t = tgt.type.unqual()
        bf = self.bitfield(tgt)
        a = self.stable(self.addr(tgt))
        if tgt.type.quals & 2:
            self._volatile = True
        if bf is not None:
            old = self.bitfield_extract(self.clone(a), bf[0])
        else:
            old = self.load(self.clone(a), t)
        if want and not prefix:
            old = self.stable(old)
        sub = op == "--"
        if t.is_pointer:
            new = self.offset_pointer(self.clone(old), self.const(1, "I", 8), t, sub)
        elif is_bool(t):
            if sub:
                new = Node("BXORU4", (self.clone(old), self.const(1, "U", 4)))
            else:
                new = self.const(1, "U", 4)
        else:
            ltr, s = self.vletter(t)
            if bf is not None and ltr == "U" and isinstance(t, IntType) and \
                    bf[0].bit_width < s * 8 and t.size() >= 4:
                pass
            new = Node("%s%s%d" % ("SUB" if sub else "ADD", ltr, s),
                       (self.clone(old), self.const(1, ltr, s)))
            if isinstance(t, IntType) and t.size() < 4:
                new = self.convert(new, self.ts.int_ if ltr == "I" else self.ts.uint, t)
        if bf is not None:
            r = self.bitfield_insert(a, bf[0], new, want and prefix)
            return r if prefix else (self.clone(old) if want else None)
        if want and prefix:
            new = self.stable(new)
        self.emit(self.store(self.clone(a), new, t))
        if not want:
            return None
        return self.clone(new) if prefix else self.clone(old)

    # ----------------------------------------------------------- calls
    def callee(self, e: Any) -> Any:
        """The function Symbol of a direct call, else None."""
        f = _strip(e.func)
        if isinstance(f, ast.ImplicitCast) and f.kind == "function":
            f = f.expr
        while isinstance(f, ast.Unary) and f.op == "*" and isinstance(
                _strip(f.operand), ast.ImplicitCast) and _strip(f.operand).kind == "function":
            f = _strip(f.operand).expr
        if isinstance(f, ast.Ident) and f.symbol is not None and f.symbol.kind == "func":
            return f.symbol
        return None

    def call_expr(self, e: Any, want: bool, dest: Optional[Node] = None) -> Optional[Node]:
        """Lower a call; the result's value tree (scalars) when want, the
        address it was written to (aggregates, at dest or a temporary)."""
        sym = self.callee(e)
        rt = e.type
        if sym is not None and (sym.is_builtin or sym.name.startswith("__builtin_")
                                or sym.name in _builtins().ALWAYS_BUILTIN):
            # (alloca, abs, fabs... are gcc's builtins even when the program
            # declares or defines them; gcc -O0 expands them inline)
            done, r = self.try_builtin(e, sym)
            if done:
                if is_memory_type(rt) and r is not None and dest is not None:
                    self.copy_block(dest, r, rt.size())
                    return dest
                return r
            name = sym.name
            if name.startswith("__builtin_"):
                name = name[len("__builtin_"):]
            fn: Node = Node("ADDRGP8", (), name)
        elif sym is not None:
            fn = self.global_addr(sym)
        else:
            fn = self.expr(e.func)
        ft = e.func.type
        if isinstance(ft, PointerType):
            ft = ft.target
        if not isinstance(ft, FuncType):
            raise CompileError(e.loc, "called object is not a function")
        args: List[Tuple[Node, Any]] = []
        for a in e.args or []:
            at = a.type
            if is_vm_record(at):
                from lcc.ir import lower_vm
                args.append((lower_vm.by_reference(self, a), PointerType(at)))
            elif is_memory_type(at):
                args.append((self.addr(a), at))
            else:
                args.append((self.expr(a), at))
        if fn.op.operation not in ("ADDRG",) and args:
            fn = self.stable(fn)
        if is_memory_type(rt) and dest is None and want:
            dest = Node("ADDRLP8", (), self.new_mem(rt.size(), rt.align()))
        r = self.call(fn, ft, args, rt, dest)
        if is_memory_type(rt):
            return self.clone(dest) if dest is not None and want else None
        return r if want else None

    def try_builtin(self, e: Any, sym: Any) -> Tuple[bool, Optional[Node]]:
        try:
            mod = _builtins()
        except ImportError:
            mod = None
        if mod is not None:
            try:
                return True, mod.call(self, e)
            except NotImplementedError:
                pass
        name = sym.name
        if name in ("alloca", "__builtin_alloca") and len(e.args or []) == 1:
            a = e.args[0]
            n = self.convert(self.expr(a), a.type, self.ts.ulong)
            return True, Node("ALLOCAP8", (n,))
        if name.startswith("__builtin_"):
            short = name[len("__builtin_"):]
            if short not in _libc_names() and not short.startswith("__"):
                raise CompileError(e.loc, "builtin '%s' is not supported yet" % name)
        return False, None

    def call(self, fn: Node, ftype: Any, args: List[Tuple[Node, Any]], ret: Any,
             dest: Optional[Node] = None) -> Optional[Node]:
        """Emit a call (see docs/backend.md); the result's value tree for
        scalars, None for void and aggregates (written at dest)."""
        unproto = ftype.params is None
        if unproto:
            ftype = FuncType(ftype.ret, [t for _, t in args], False)
        nfixed = len(ftype.params) if ftype.variadic else len(args)
        site = CallSite(ftype, args, None, nfixed, unproto)
        if ret.is_void:
            self.emit(Node("CALLV", (fn,), site))  # type: ignore[arg-type]
            return None
        if is_memory_type(ret):
            if dest is None:
                dest = Node("ADDRLP8", (), self.new_mem(ret.size(), ret.align()))
            site.dest = dest
            self.emit(Node("CALLB", (fn,), site))  # type: ignore[arg-type]
            return None
        ltr, s = self.vletter(ret)
        tmp = self.new_temp(ltr, s)
        self.emit(Node("ASGN%s%d" % (ltr, s), (Node("ADDRLP8", (), tmp),
                                             Node("CALL%s%d" % (ltr, s), (fn,), site))))  # type: ignore[arg-type]
        v = self.read(tmp)
        rl, rs = self.letter(ret)
        if rs < 4 and rl in "IU":
            # The ABI leaves the upper bits of a narrow result unspecified.
            v = Node("CV%s%s4" % (rl, rl), (Node("CV%s%s%d" % (ltr, rl, rs), (v,)),))
        return v

    def float_kind(self, t: Any) -> bool:
        return isinstance(t, FloatType)
