"""GNU nested functions.

A nested function N becomes a static function of its own.  The variables
of enclosing functions it uses ("captures") live in memory in their
function; where N is defined, the enclosing function fills a block of
their addresses (N's closure) and stores the block's address in a static
pointer `N.chain`, which N reads to reach them.  The enclosing function
saves the previous `N.chain` on entry and restores it before returning,
so recursion of the enclosing function leaves the outer activation's
closure in place when the inner one returns.  N copies `N.chain` into a
local on entry (what it calls may point `N.chain` elsewhere).  When N's
address is used other than to call it, it is the address of a trampoline
in the parent's frame that sets `N.chain` before jumping to N
(lower_tramp.py).

A jump from a nested function to a label of an enclosing one (non-local
goto) is a `_longjmp` to a jmp_buf the enclosing function set on entry.
Not supported: captured variably modified types.
"""
from __future__ import annotations

from typing import Any, Dict, List, Set, TYPE_CHECKING

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir import lower_tramp
from lcc.ir.func import DataItem
from lcc.ir.tree import Node


def local_symbols(fd: ast.FunctionDef, analyzer: Any) -> Set[int]:
    """ids of the Symbols declared inside fd: parameters and any block
    declaration of its body (nested functions' included)."""
    out: Set[int] = set()
    fdecl = analyzer.innermost_func(fd.declarator)
    for s in analyzer.func_params.get(id(fdecl), []) if fdecl is not None else []:
        out.add(id(s))
    for n in ast.walk(fd.body):
        if isinstance(n, ast.Declaration):
            for s in n.symbols or []:
                if s is not None:
                    out.add(id(s))
        elif isinstance(n, ast.Ident) and n.symbol is not None and n.symbol.is_param:
            # K&R parameters are found only through their uses.
            if fdecl is not None and fdecl.params is None and n.name in (fdecl.kr_names or []):
                out.add(id(n.symbol))
    return out


def captured(fd: ast.FunctionDef, analyzer: Any) -> List[Any]:
    """The automatic variables of enclosing functions that nested function
    fd (or a function nested in it) uses, in order of first use."""
    own = local_symbols(fd, analyzer)
    seen: Set[int] = set()
    out: List[Any] = []
    # The parameter declarators too: `void f(int a[n++])` uses n.
    for n in ast.walk(fd):
        if isinstance(n, ast.Ident) and n.symbol is not None:
            s = n.symbol
            if s.kind == "var" and not s.has_static_storage and s.linkage == "none" \
                    and id(s) not in own and id(s) not in seen:
                seen.add(id(s))
                out.append(s)
    return out


def nonlocal_labels(fd: ast.FunctionDef) -> List[str]:
    """Labels that `goto` statements of nested function fd (not of functions
    nested in it) name but fd does not define: its parent's.  `&&name` of
    such a label appears as the key "&&name"."""
    own = {n.label for n in ast.walk(fd.body) if isinstance(n, ast.Labeled)}
    out: List[str] = []
    stack: List[Any] = [fd.body]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.FunctionDef):
            continue
        if isinstance(n, ast.Goto) and n.label not in own and n.label not in out:
            out.append(n.label)
        if isinstance(n, ast.LabelAddr) and n.label not in own and "&&" + n.label not in out:
            out.append("&&" + n.label)
        stack.extend(n.children())
    return out


def nested_defs(body: Any) -> List[ast.FunctionDef]:
    """Function definitions nested anywhere in a body (all depths)."""
    return [n for n in ast.walk(body) if isinstance(n, ast.FunctionDef)]


if TYPE_CHECKING:
    # The mixins are parts of the Lowerer (lower.py): their attributes come
    # from the others, so mypy sees them as Any.
    from typing import Any as _Base
else:
    _Base = object


class NestedMixin(_Base):
    """Part of the Lowerer."""

    def nested_name(self, sym: Any) -> str:
        table = self.module.names.setdefault("lower_nested", {})
        hit = table.get(id(sym))
        if hit is None:
            n = self.module.names.get("lower_nested_n", 0)
            self.module.names["lower_nested_n"] = n + 1
            hit = (sym, "%s.%d" % (sym.name, n))
            table[id(sym)] = hit
        return hit[1]

    def is_nested(self, sym: Any) -> bool:
        return sym.kind == "func" and sym.linkage == "none"

    def define_nested(self, fd: ast.FunctionDef) -> None:
        """At the definition of nested function fd inside the function being
        lowered: build its closure, point its chain at it, queue it."""
        caps = captured(fd, self.analyzer)
        labels = nonlocal_labels(fd)
        name = self.nested_name(fd.symbol)
        chain = name + ".chain"
        if caps or labels:
            if chain not in self.chains:
                self.module.data.append(DataItem(chain, 8, 8, "bss", "static",
                                                 [("zero", 8)]))
                saved = self.new_temp("P", 8)
                self.entry_inits.append(Node("ASGNP8", (
                    Node("ADDRLP8", (), saved),
                    Node("INDIRP8", (Node("ADDRGP8", (), chain),)))))
                self.chains[chain] = saved
            block = self.new_mem(8 * (len(caps) + len(labels)), 8)
            for i, s in enumerate(caps):
                a = Node("ADDRLP8", (), block)
                if i:
                    a = Node("ADDP8", (a, self.const(8 * i, "I", 8)))
                ident = ast.Ident(fd.loc, s.name)
                ident.symbol, ident.type = s, s.type
                self.emit(Node("ASGNP8", (a, self.addr(ident))))
            for j, lab in enumerate(labels):
                a = Node("ADDP8", (Node("ADDRLP8", (), block),
                                   self.const(8 * (len(caps) + j), "I", 8)))
                if lab.startswith("&&"):
                    # the parent's label address, for its own `goto *`
                    target = self.user_label(lab[2:])
                    if target not in self.fn.label_targets:
                        self.fn.label_targets.append(target)
                    self.emit(Node("ASGNP8", (a, Node("LADDRP8", (), target))))
                    continue
                buf = self.jmpbufs.get(lab)
                if buf is None:
                    raise CompileError(fd.loc, "jump from a nested function to label '%s' "
                                               "of an outer function is not supported yet"
                                       % lab)
                self.emit(Node("ASGNP8", (a, Node("ADDRLP8", (), buf))))
            self.emit(Node("ASGNP8", (Node("ADDRGP8", (), chain),
                                      Node("ADDRLP8", (), block))))
            self.nested_closures()[name] = (chain, block)
        self.pending_nested.append((fd, name, chain, caps, labels))

    def nested_closures(self) -> Dict[str, Any]:
        """Nested functions with a closure that the function being lowered
        defines: name -> (chain, closure Local) (for lower_tramp)."""
        table = self.module.names.setdefault("lower_nested_closures", {})
        return table.setdefault(self.fn.name, {})  # type: ignore[no-any-return]

    def chain_base(self, chain: str) -> Node:
        """This nested function's closure address: `chain` as it was on entry."""
        mine = self.module.names.setdefault("lower_nested_copy", {})
        hit = mine.get(id(self.fn))
        if hit is None:
            hit = mine[id(self.fn)] = (self.fn, self.new_temp("P", 8))
            self.entry_inits.append(Node("ASGNP8", (
                Node("ADDRLP8", (), hit[1]), Node("INDIRP8", (Node("ADDRGP8", (), chain),)))))
        return self.read(hit[1])

    def restore_chains(self) -> None:
        """Before a return: give the chains the values they had on entry."""
        for chain, saved in self.chains.items():
            self.emit(Node("ASGNP8", (Node("ADDRGP8", (), chain),
                                      self.read(saved))))

    def captured_addr(self, sym: Any) -> Any:
        """The address of captured variable sym inside a nested function, or
        None when sym is not captured."""
        caps: Dict[int, Any] = self.captures
        hit = caps.get(id(sym))
        if hit is None:
            return None
        chain, i = hit
        base = self.chain_base(chain)
        if i:
            base = Node("ADDP8", (base, self.const(8 * i, "I", 8)))
        return Node("INDIRP8", (base,))

    def lower_pending_nested(self) -> List[Any]:
        """Lower the nested functions queued while lowering the last function
        (and those nested in them)."""
        out = []
        lower_tramp.patch(self, self.fn, self.nested_closures())
        while self.pending_nested:
            fd, name, chain, caps, labels = self.pending_nested.pop(0)
            captures = {id(s): (chain, i) for i, s in enumerate(caps)}
            targets = {lab: (chain, len(caps) + j) for j, lab in enumerate(labels)}
            fn = self.lower_function(fd, name=name, captures=captures, targets=targets)
            copy = self.module.names.get("lower_nested_copy", {}).get(id(fn))
            lower_tramp.patch(self, fn, self.nested_closures(),
                              (chain, copy[1]) if copy is not None else None)
            out.append(fn)
        return out

    def setup_jmpbufs(self, fd: ast.FunctionDef) -> None:
        """Labels of this function that its nested functions jump to: a
        jmp_buf each, set on entry; `_longjmp` to it lands at the label."""
        self.jmpbufs: Dict[str, str] = {}
        for nd in self.nested:     # nested_defs(fd.body), from scan_function
            for lab in nonlocal_labels(nd):
                if lab in self.jmpbufs or lab.startswith("&&") or not any(
                        isinstance(n, ast.Labeled) and n.label == lab for n in ast.walk(fd.body)):
                    continue
                self.jmpbufs[lab] = self.new_mem(200, 16)    # glibc's jmp_buf

    def emit_setjmps(self) -> None:
        from lcc.sema.types import FuncType, PointerType
        ft = FuncType(self.ts.int_, [PointerType(self.ts.void)])
        for lab, buf in self.jmpbufs.items():
            v = self.call(Node("ADDRGP8", (), "_setjmp"), ft,
                          [(Node("ADDRLP8", (), buf), PointerType(self.ts.void))], self.ts.int_)
            self.emit(Node("NEI4", (v, self.const(0, "I", 4)), self.user_label(lab)))

    def outer_label_addr(self, label: str) -> Any:
        """`&&label` of an enclosing function's label (from the closure)."""
        hit = self.targets.get("&&" + label)
        if hit is None:
            return None
        chain, i = hit
        base = self.chain_base(chain)
        return Node("INDIRP8", (Node("ADDP8", (base, self.const(8 * i, "I", 8))),))

    def nonlocal_goto(self, label: str) -> bool:
        """`goto label` to an enclosing function's label: _longjmp there."""
        hit = self.targets.get(label)
        if hit is None:
            return False
        from lcc.sema.types import FuncType, PointerType, VoidType
        chain, i = hit
        base = self.chain_base(chain)
        buf = Node("INDIRP8", (Node("ADDP8", (base, self.const(8 * i, "I", 8))),))
        ft = FuncType(VoidType(), [PointerType(self.ts.void), self.ts.int_])
        self.call(Node("ADDRGP8", (), "_longjmp"), ft,
                  [(buf, PointerType(self.ts.void)), (self.const(1, "I", 4), self.ts.int_)],
                  VoidType())
        return True

    def check_nonlocal_goto(self, fd: ast.FunctionDef) -> None:
        labels = {n.label for n in ast.walk(fd.body) if isinstance(n, ast.Labeled)}
        for n in ast.walk(fd.body):
            if isinstance(n, ast.Goto) and n.label in self.targets or \
                    isinstance(n, ast.LabelAddr) and "&&" + n.label in self.targets:
                continue
            if isinstance(n, (ast.Goto, ast.LabelAddr)) and n.label not in labels:
                raise CompileError(n.loc, "jump from a nested function to a label of an "
                                          "enclosing function is not supported yet")
