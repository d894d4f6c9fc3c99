"""Lowering: the typed AST of one translation unit to the tree IR.

`lower_unit(unit, analyzer, target, opts)` returns an `ir.func.Module`:
one `Function` per function definition (a CFG of tree statements, see
docs/backend.md "The tree IR") and the DataItems that `lcc.ir.data` makes
for objects with static storage.

The `Lowerer` is split by job into mixins:
  lower.py        the Lowerer: blocks, temporaries, names, IR types, functions
  lower_types.py  C type -> IR letter, conversions, constants
  lower_expr.py   expressions: values, addresses, conditions
  lower_ops.py    assignments, ++/--, bit-fields, calls
  lower_stmt.py   statements, switch, asm, local declarations
The other lowering helper's modules (lower_wide, lower_builtins, data) use
the API documented in docs/backend.md ("Lowering's API").
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Set, Tuple

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir.func import Block, Function, Local, Module
from lcc.ir import lower_instrument
from lcc.ir.lower_addr import AddrMixin
from lcc.ir.lower_expr import ExprMixin
from lcc.ir.lower_nested import NestedMixin, captured, nonlocal_labels
from lcc.ir.lower_ops import OpsMixin
from lcc.ir.lower_stmt import StmtMixin
from lcc.ir.lower_types import TypesMixin, is_memory_type
from lcc.ir.tree import Node
from lcc.sema.types import VOLATILE, ArrayType, FuncType

# Functions after which a local's register copy may be stale (they return
# twice): no local of a function calling them lives in a register.
SETJMP_NAMES = {"setjmp", "sigsetjmp", "_setjmp", "__sigsetjmp", "savectx", "vfork",
                "getcontext", "__builtin_setjmp", "_longjmp_setjmp"}

_CONTROL = ("JUMP", "IJUMP", "RET", "EQ", "NE", "LT", "LE", "GT", "GE")
_NEGATE = {"EQ": "NE", "NE": "EQ", "LT": "GE", "GE": "LT", "GT": "LE", "LE": "GT"}


def _data() -> Any:
    """lcc.ir.data, imported when first needed (written by another helper)."""
    from lcc.ir import data
    return data


class Lowerer(TypesMixin, ExprMixin, AddrMixin, OpsMixin, StmtMixin, NestedMixin):
    """Lowers the functions of one translation unit into `module`."""

    def __init__(self, module: Module, analyzer: Any, target: Any, opts: Any) -> None:
        self.module = module
        self.analyzer = analyzer
        self.target = target
        self.opts = opts
        self.ts = analyzer.ts
        self.fn: Function = Function("", None)
        self.cur: Optional[Block] = None
        # Per-function state (reset by lower_function).
        self.syms: Dict[int, str] = {}          # id(Symbol) -> Local name
        self.vla_ptr: Dict[int, str] = {}       # id(Symbol) of a VLA -> P8 temp
        self.vla_size: Dict[int, str] = {}      # id(ArrayType) -> U8 temp of its size
        self.vla_cap: Dict[int, str] = {}       # id(Symbol) of a VLA -> U8 temp: block size
        self.entry_inits: List[Node] = []       # statements the entry block starts with
        self.addr_taken: Set[int] = set()       # id(Symbol)
        self.label_scopes: List[Dict[str, str]] = []
        self.breaks: List[str] = []
        self.continues: List[str] = []
        self.switch_labels: List[Dict[int, str]] = []
        self.ret_type: Any = None
        self.keep: List[Any] = []               # objects whose id() is a key
        # Nested functions: queued definitions, the current function's
        # captured variables (id -> (chain, index)) and chains it sets.
        self.pending_nested: List[Any] = []
        self.captures: Dict[int, Any] = {}
        self.chains: Dict[str, str] = {}
        self.targets: Dict[str, Any] = {}       # outer labels -> (chain, index)
        self.jmpbufs: Dict[str, str] = {}       # own labels nested functions reach
        self.nested: List[ast.FunctionDef] = []  # definitions nested in the function
        self._names: Set[str] = set()
        self._ntemp = 0
        self.auto_labels: Set[str] = set()     # labels of blocks emit() started
        self.instrument = False                 # -finstrument-functions hooks here
        # The position of the statement being lowered: emit() stamps it on
        # the trees that have none (Node.loc; -g line info).
        self.stmt_loc: Any = None

    # ------------------------------------------------------------- blocks
    def new_label(self) -> str:
        st = self.module.names
        n = st.get("label", 0)
        st["label"] = n + 1
        return ".L%d" % n

    def start_block(self, label: str) -> None:
        """Start a block with `label`; the current one falls through to it."""
        cur = self.cur
        if cur is not None and cur.trees and cur.trees[-1].op.name == "JUMPV" and \
                cur.trees[-1].value == label:
            if len(cur.trees) == 1 and cur.label in self.auto_labels and self._invert(label):
                pass
            else:
                cur.trees.pop()             # a jump to the next block: fall through
        elif cur is not None and len(cur.trees) == 1 and cur.trees[0].op.name == "JUMPV":
            self._invert(label)
        b = Block(label)
        self.fn.blocks.append(b)
        self.cur = b

    def _invert(self, label: str) -> bool:
        """`CMP[label](a, b)` then a block holding only `JUMPV[f]`, then the
        block `label`: becomes the negated `CMP[f](a, b)` falling through
        (integers and pointers only: a negated float compare differs on
        NaN).  The jump block must be one emit() made (no one jumps to it)."""
        blocks = self.fn.blocks
        cur = self.cur
        if cur is None or len(blocks) < 2 or blocks[-1] is not cur or \
                cur.label not in self.auto_labels:
            return False
        prev = blocks[-2].trees
        if not prev:
            return False
        c = prev[-1]
        o = c.op.operation
        if o not in _NEGATE or c.value != label or c.op.letter not in "IUP":
            return False
        prev[-1] = Node(_NEGATE[o] + c.op.name[len(o):], c.kids, cur.trees[0].value)
        prev[-1].loc = c.loc
        blocks.pop()
        self.cur = blocks[-1]
        return True

    def emit(self, tree: Node) -> None:
        """Append a statement; a control transfer ends the current block."""
        b = self.cur
        if b is None or (b.trees and b.trees[-1].op.operation in _CONTROL):
            lab = self.new_label()
            self.auto_labels.add(lab)
            self.start_block(lab)
            b = self.cur
            assert b is not None
        if self.instrument and tree.op.operation == "RET":
            self.instrument = False           # (the hook's own trees are no RET)
            tree = lower_instrument.before_return(self, tree)
            self.instrument = True
            b = self.cur
            assert b is not None
        if self.chains and tree.op.operation == "RET":
            self.restore_chains()
            b = self.cur
            assert b is not None
        if tree.loc is None:
            tree.loc = self.stmt_loc
        b.trees.append(tree)

    def jump(self, label: str) -> None:
        self.emit(Node("JUMPV", (), label))

    def ended(self) -> bool:
        """Whether the current block ends in an unconditional transfer."""
        b = self.cur
        return b is not None and bool(b.trees) and \
            b.trees[-1].op.operation in ("JUMP", "IJUMP", "RET")

    # -------------------------------------------------------------- locals
    def _unique(self, base: str) -> str:
        name = base
        n = 1
        while name in self._names:
            name = "%s.%d" % (base, n)
            n += 1
        self._names.add(name)
        return name

    def new_temp(self, letter: str, size: int) -> str:
        """A fresh register temporary of IR type letter+size."""
        self._ntemp += 1
        name = self._unique(".t%d" % self._ntemp)
        self.fn.locals[name] = Local(name, size, size if size <= 16 else 16, None, True,
                                     letter, size)
        if self.fn.calls_setjmp:
            self.fn.locals[name].reg = False
        return name

    def new_mem(self, size: int, align: int) -> str:
        """A fresh memory temporary."""
        self._ntemp += 1
        name = self._unique(".m%d" % self._ntemp)
        self.fn.locals[name] = Local(name, max(size, 1), max(align, 1))
        return name

    def temp_of(self, value: Node) -> str:
        """Store a value tree in a fresh temporary; returns its name."""
        op = value.op
        name = self.new_temp(op.letter, op.size)
        self.emit(Node("ASGN%s%d" % (op.letter, op.size),
                       (Node("ADDRLP8", (), name), value)))
        return name

    def read(self, name: str) -> Node:
        """INDIR of a temporary or reg Local."""
        loc = self.fn.locals[name]
        ltr, s = (loc.letter, loc.nbytes) if loc.letter else ("P", 8)
        return Node("INDIR%s%d" % (ltr, s), (Node("ADDRLP8", (), name),))

    def write(self, name: str, value: Node) -> None:
        loc = self.fn.locals[name]
        self.emit(Node("ASGN%s%d" % (loc.letter, loc.nbytes),
                       (Node("ADDRLP8", (), name), value)))

    def stable(self, value: Node) -> Node:
        """A value tree that may be used twice: constants and temporaries
        as they are, anything else through a fresh temporary."""
        if is_pure(value):
            return value
        return self.read(self.temp_of(value))

    def local_for(self, sym: Any) -> str:
        """The Local of an automatic variable or parameter (made on first use)."""
        name = self.syms.get(id(sym))
        if name is not None:
            return name
        t = sym.type
        name = self._unique(sym.name or ".anon")
        self.keep.append(sym)
        reg = False
        letter, nbytes = "", 0
        if not is_memory_type(t) and not t.is_func and id(sym) not in self.addr_taken \
                and not (t.quals & VOLATILE) and not self.fn.calls_setjmp:
            letter, nbytes = self.letter(t)
            reg = True
        size = t.size() if t.is_complete or isinstance(t, ArrayType) else 0
        align = sym.align or t.align()
        if isinstance(t, ArrayType) and size >= 16:
            align = max(align, 16)
        self.fn.locals[name] = Local(name, max(size, 1), max(align, 1), t, reg, letter,
                                     nbytes)
        self.syms[id(sym)] = name
        if sym.name:
            self.fn.syms[name] = sym
        return name

    # ------------------------------------------------------------- labels
    def user_label(self, name: str) -> str:
        """The block label of a C label (GNU local labels are scoped)."""
        for scope in reversed(self.label_scopes):
            if name in scope:
                return scope[name]
        lab = self.new_label()
        self.label_scopes[0][name] = lab
        return lab

    def label_for(self, name: str) -> str:
        """The block label of C label `name` (lcc.ir.data uses it for
        `&&label` in static initializers)."""
        return self.user_label(name)

    # ---------------------------------------------------------- functions
    def lower_function(self, fd: ast.FunctionDef, name: Optional[str] = None,
                       captures: Optional[Dict[int, Any]] = None,
                       targets: Optional[Dict[str, Any]] = None) -> Function:
        sym = fd.symbol
        ft: FuncType = sym.type
        data = _data()
        if name is None:
            name = data.asm_name(self.module, sym) if hasattr(data, "asm_name") else \
                (sym.asm_label or sym.name)
        else:
            self.targets = targets or {}
            self.check_nonlocal_goto(fd)
        linkage = "global" if sym.linkage == "external" else "static"
        if "weak" in (sym.attrs or []):
            linkage = "weak"
        fn = Function(name, ft, linkage)
        fn.loc = fd.loc
        fn.body_loc = fd.body.loc
        fn.end_loc = fd.body.end_loc
        self.stmt_loc = fn.body_loc
        for a in sym.attrs or []:
            if a in ("noreturn", "naked", "constructor", "destructor") or \
                    a.startswith("section=") or a.startswith("visibility="):
                fn.attrs.append(a)
        if sym.noreturn and "noreturn" not in fn.attrs:
            fn.attrs.append("noreturn")
        if sym.align:
            fn.attrs.append("align=%d" % sym.align)    # aligned(N) on the function
        self.fn = fn
        self.cur = None
        self.syms = {}
        self.vla_ptr = {}
        self.vla_size = {}
        self.vla_cap = {}
        self.entry_inits = []
        self.label_scopes = [{}]
        self.breaks, self.continues, self.switch_labels = [], [], []
        self.ret_type = ft.ret
        self._names = set()
        self._ntemp = 0
        self.auto_labels = set()
        # one walk of the body (it is the costly part of lowering a function)
        self.addr_taken, fn.calls_setjmp, self.nested = scan_function(fd.body)
        self.captures = captures or {}
        self.targets = targets or {}
        self.chains = {}
        for nd in self.nested:
            for cs in captured(nd, self.analyzer):
                self.addr_taken.add(id(cs))
            if any(not lab.startswith("&&") for lab in nonlocal_labels(nd)):
                fn.calls_setjmp = True     # the labels are reached by _longjmp
        self.start_block(self.new_label())
        params = self.param_symbols(fd, ft)
        kr = ft.params is None
        promoted = ft.kr_defined or []
        for i, p in enumerate(params):
            if kr and i < len(promoted) and not same_repr(self, promoted[i], p.type):
                # K&R: the caller passed the promoted type; convert on entry.
                pname = self._unique(".p%d" % i)
                pt = promoted[i]
                ltr, s = self.letter(pt)
                self.fn.locals[pname] = Local(pname, pt.size(), pt.align(), pt,
                                              not fn.calls_setjmp, ltr, s, i)
                fn.params.append(self.fn.locals[pname])
                local = self.fn.locals[self.local_for(p)]
                v = self.convert(self.load(Node("ADDRLP8", (), pname), pt), pt, p.type)
                self.emit(self.store(Node("ADDRLP8", (), local.name), v, p.type))
                continue
            local = self.fn.locals[self.local_for(p)]
            local.param = i
            fn.params.append(local)
        self.instrument = lower_instrument.wanted(self, sym)
        if self.instrument:
            lower_instrument.enter(self)
        self.param_vla_sizes(fd, params)
        self.setup_jmpbufs(fd)
        self.emit_setjmps()
        self.body_items(fd.body)
        self.stmt_loc = fn.end_loc
        self.finish_function()
        self.instrument = False
        fn.blocks[0].trees[0:0] = self.entry_inits
        return fn

    def param_vla_sizes(self, fd: ast.FunctionDef, params: List[Any]) -> None:
        """Evaluate the size expressions of array parameters on entry: the
        outer one (`int b[n++]`, adjusted away) for its side effects, the
        inner ones (`char a[2][++n]`) into the temporaries of their types."""
        fdecl = self.analyzer.innermost_func(fd.declarator)
        for i, p in enumerate((fdecl.params or []) if fdecl is not None else []):
            d = getattr(p, "declarator", None)
            while d is not None and not isinstance(d, ast.IdentDeclarator):
                inner = getattr(d, "inner", None)
                if isinstance(d, ast.ArrayDeclarator) and d.size is not None and \
                        (inner is None or isinstance(inner, ast.IdentDeclarator)) and \
                        getattr(d.size, "type", None) is not None and \
                        self.analyzer.fold(d.size) is None:
                    self.effect(d.size)
                d = inner
            if i < len(params):
                self.eval_vla_sizes(params[i].type)

    def param_symbols(self, fd: ast.FunctionDef, ft: FuncType) -> List[Any]:
        """The parameter Symbols of a definition, in order."""
        fdecl = self.analyzer.innermost_func(fd.declarator)
        psyms = list(self.analyzer.func_params.get(id(fdecl), [])) if fdecl is not None else []
        if fdecl is not None and fdecl.params is None and fdecl.kr_names:
            # K&R definitions keep their parameter Symbols only in the body's
            # identifiers: find them there (unused ones get stand-ins).
            found: Dict[str, Any] = {}
            stack: List[Any] = [fd.body]
            while stack:       # (not into nested functions: their own parameters)
                n = stack.pop()
                if isinstance(n, ast.FunctionDef):
                    continue
                if isinstance(n, ast.Ident) and n.symbol is not None and n.symbol.is_param:
                    found.setdefault(n.name, n.symbol)
                stack.extend(n.children())
            psyms = []
            types = ft.kr_defined or []
            for i, pname in enumerate(fdecl.kr_names):
                s = found.get(pname)
                if s is None:
                    from lcc.sema.scope import Symbol
                    s = Symbol(pname, "var", types[i] if i < len(types) else self.ts.int_,
                               fd.loc)
                    s.is_param = True
                psyms.append(s)
        out = []
        for i, s in enumerate(psyms):
            if not s.name:
                from lcc.sema.scope import Symbol
                pt = ft.params[i] if ft.params is not None and i < len(ft.params) else s.type
                s = Symbol("", "var", pt, fd.loc)
                s.is_param = True
            out.append(s)
        return out

    def finish_function(self) -> None:
        """Fall off the end: return (0 from main, an unspecified value
        elsewhere)."""
        rt = self.ret_type
        if self.ended():
            return
        if rt.is_void:
            self.emit(Node("RETV"))
        elif is_memory_type(rt):
            tmp = self.new_mem(rt.size(), rt.align())
            self.emit(Node("RETB", (Node("ADDRLP8", (), tmp),)))
        else:
            ltr, s = self.vletter(rt)
            self.emit(Node("RET%s%d" % (ltr, s), (self.const(0, ltr, s),)))


def same_repr(lw: Any, a: Any, b: Any) -> bool:
    return lw.letter(a) == lw.letter(b) and (a.is_pointer == b.is_pointer)


def is_pure(t: Node) -> bool:
    """A tree that may be evaluated twice with the same result and no cost
    worth saving: constants, addresses of locals and globals, temporaries."""
    o = t.op.operation
    if o in ("CNST", "ADDRL", "ADDRG", "LADDR"):
        return True
    if o == "INDIR" and t.kids[0].op.operation == "ADDRL":
        return _temp_name(t.kids[0].value)
    return False


def _temp_name(name: Any) -> bool:
    return isinstance(name, str) and name.startswith(".t")


def clone(t: Node) -> Node:
    """A fresh copy of a tree (nodes are never shared between trees)."""
    return Node(t.op, tuple(clone(k) for k in t.kids), t.value)


# ------------------------------------------------------------- pre-pass
def scan_function(body: Any) -> Tuple[Set[int], bool, List[ast.FunctionDef]]:
    """ids of the Symbols whose address is taken in the body, whether it
    calls a setjmp-like function, and the function definitions nested in
    it at all depths (lower_nested.nested_defs, found by the same walk)."""
    taken: Set[int] = set()
    setjmp = False
    nested: List[ast.FunctionDef] = []

    def mark(e: Any) -> None:
        # The object designated by an lvalue expression whose address escapes.
        while True:
            if isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "qual"):
                e = e.expr
            elif isinstance(e, ast.Member) and not e.arrow:
                e = e.base
            elif isinstance(e, ast.Index):
                # a[i] with a an array (its decay is an "array" cast).
                b = e.base
                if isinstance(b, ast.ImplicitCast) and b.kind == "array":
                    e = b.expr
                else:
                    return
            elif isinstance(e, ast.Unary) and e.op in ("__real__", "__imag__", "__extension__"):
                e = e.operand
            elif isinstance(e, ast.Comma):
                e = e.right
            else:
                break
        if isinstance(e, ast.Ident) and e.symbol is not None:
            taken.add(id(e.symbol))
        elif isinstance(e, ast.StmtExpr):
            items = e.body.items or []
            if items and isinstance(items[-1], ast.ExprStmt):
                mark(items[-1].expr)

    for n in ast.walk(body):
        if isinstance(n, ast.Unary) and n.op == "&":
            mark(n.operand)
        elif isinstance(n, ast.ImplicitCast) and n.kind == "array":
            mark(n.expr)
        elif isinstance(n, ast.AsmStmt):
            for op in (n.outputs or []):
                mark(op.expr)
            for op in (n.inputs or []):
                if "m" in _unquote(op.constraint) or "o" in _unquote(op.constraint):
                    mark(op.expr)
        elif isinstance(n, ast.Ident) and n.symbol is not None and n.symbol.kind == "func":
            if n.name in SETJMP_NAMES or (n.symbol.asm_label or "") in SETJMP_NAMES:
                setjmp = True
        elif isinstance(n, ast.FunctionDef):
            nested.append(n)
    return taken, setjmp, nested


def _unquote(s: Any) -> str:
    s = str(s or "")
    return s.replace('"', "")


# -------------------------------------------------------------- the unit
def lower_unit(unit: ast.TranslationUnit, analyzer: Any, target: Any, opts: Any) -> Module:
    """Lower a translation unit sema has analysed."""
    module = Module(target)
    lw = Lowerer(module, analyzer, target, opts)
    data = _data()
    seen: Set[int] = set()
    # Sema allows a second definition only after a gnu_inline extern one,
    # whose body is for inlining only: the last definition is the one.
    last_def = {id(d.symbol): d for d in unit.decls or []
                if isinstance(d, ast.FunctionDef) and d.symbol is not None}
    for d in unit.decls or []:
        analyzer.diags.where = d.loc
        if isinstance(d, ast.FunctionDef):
            if d.symbol is None:
                continue
            if d.symbol.gnu_extern_inline or last_def[id(d.symbol)] is not d:
                continue      # gnu_inline extern: only an inline body, no definition
            if hasattr(data, "add_directives"):
                data.add_directives(module, d.symbol)
            fn = lw.lower_function(d)
            module.functions.append(fn)
            module.functions.extend(lw.lower_pending_nested())
        elif isinstance(d, ast.Declaration):
            for s in d.symbols or []:
                if s is None or id(s) in seen:
                    continue
                if s.kind == "var":
                    seen.add(id(s))
                    lw.keep.append(s)
                    if s.thread_local:
                        module.tls.add(_asm(module, s))
                    data.define_global(module, s, analyzer)
                    # (-g: DW_TAG_variable for the ones defined here)
                    module.names.setdefault("globals", []).append((_asm(module, s), s))
                elif s.kind == "func" and hasattr(data, "add_directives"):
                    data.add_directives(module, s)
        elif isinstance(d, ast.AsmDecl) and hasattr(data, "toplevel_asm"):
            data.toplevel_asm(module, d)
    return module


def _asm(module: Module, sym: Any) -> str:
    data = _data()
    if hasattr(data, "asm_name"):
        return data.asm_name(module, sym)
    return sym.asm_label or sym.name


def not_supported(loc: Any, what: str) -> CompileError:
    return CompileError(loc, "%s is not supported yet" % what)
