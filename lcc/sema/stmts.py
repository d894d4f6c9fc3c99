"""Statements (C11 6.8) and function bodies: block scopes, labels (one
name space per function), break/continue/case/default placement, switch
case values, return against the function's type, GNU extensions (local
labels, computed goto, case ranges, asm statements)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from lcc import ast
from lcc.sema.scope import Symbol
from lcc.sema.typerules import promote
from lcc.sema.types import FuncType, has_variable_size


class FuncCtx:
    """What the checker knows about the function being analysed."""

    __slots__ = ("ftype", "labels", "gotos", "loops", "switches", "name", "vlas")

    def __init__(self, name: str, ftype: FuncType) -> None:
        self.name = name
        self.ftype = ftype
        # Defined label -> (loc, VLAs in scope); used labels with theirs.
        self.labels: Dict[str, Any] = {}
        self.gotos: List[Tuple[str, Any, Tuple[int, ...]]] = []
        # Variably modified objects in scope at this point (for jumps into
        # their scope, 6.8.6.1p1 and 6.8.4.2p2).
        self.vlas: List[int] = []
        self.loops = 0
        # Each switch: (promoted type, {value: loc}, has_default, ranges)
        self.switches: List[List[Any]] = []


class StmtMixin:
    """Part of the Analyzer (see core.py)."""

    def function_body(self, fd: ast.FunctionDef, sym: Symbol, ft: FuncType,
                      params: List[Symbol]) -> None:
        outer = (self.func, self.func_name, self.func_type)  # type: ignore[attr-defined]
        self.func = FuncCtx(sym.name, ft)  # type: ignore[attr-defined]
        self.func_name = sym.name  # type: ignore[attr-defined]
        self.func_type = ft  # type: ignore[attr-defined]
        try:
            self.compound(fd.body, new_scope=False)
            ctx = self.func  # type: ignore[attr-defined]
            for name, loc, vl in ctx.gotos:
                if name not in ctx.labels:
                    if outer[0] is not None:
                        # A nested function may jump to its parent's labels.
                        outer[0].gotos.append((name, loc, tuple(outer[0].vlas)))
                        continue
                    self.error(loc, f"label '{name}' used but not defined")  # type: ignore
                elif not set(ctx.labels[name][1]) <= set(vl):
                    self.error(loc, "jump into scope of identifier with variably modified "  # type: ignore
                                    "type")
        finally:
            self.func, self.func_name, self.func_type = outer  # type: ignore[attr-defined]

    def compound(self, c: ast.Compound, new_scope: bool = True, stmt_expr: bool = False) -> None:
        if new_scope:
            self.push_scope("block")  # type: ignore[attr-defined]
        f = self.func  # type: ignore[attr-defined]
        nvla = len(f.vlas) if f is not None else 0
        try:
            items = c.items or []
            for i, it in enumerate(items):
                if isinstance(it, ast.Declaration):
                    self.diags.where = it.loc  # type: ignore[attr-defined]
                    self.declaration(it)  # type: ignore[attr-defined]
                    if f is not None:
                        for sym in it.symbols or []:
                            if has_variable_size(sym.type) and sym.kind == "var":
                                f.vlas.append(id(sym))
                elif isinstance(it, ast.StaticAssert):
                    self.static_assert(it)  # type: ignore[attr-defined]
                elif isinstance(it, ast.FunctionDef):
                    self.function_def(it)  # type: ignore[attr-defined]
                elif isinstance(it, ast.LocalLabelDecl):
                    pass
                elif isinstance(it, ast.Pragma):
                    self.pragma(it)  # type: ignore[attr-defined]
                elif isinstance(it, ast.AsmDecl):
                    pass
                else:
                    self.stmt(it, keep_value=stmt_expr and i == len(items) - 1)
        finally:
            if f is not None:
                del f.vlas[nvla:]
            if new_scope:
                self.pop_scope()  # type: ignore[attr-defined]

    def stmt(self, s: Any, keep_value: bool = False) -> None:
        if s is None:
            return
        m = getattr(self, "s_" + type(s).__name__, None)
        if m is None:
            if isinstance(s, ast.Expr):
                self.expr(s)  # type: ignore[attr-defined]
                return
            self.error(s.loc, f"unsupported statement {type(s).__name__}")  # type: ignore
            return
        if keep_value and isinstance(s, ast.ExprStmt):
            if s.expr is not None:
                s.expr = self.expr(s.expr)  # type: ignore[attr-defined]
            return
        m(s)

    def cond(self, e: Any) -> Any:
        x = self.value(e)  # type: ignore[attr-defined]
        if not x.type.is_scalar:
            self.error(e.loc, "used struct type value where scalar is required"  # type: ignore
                       if x.type.is_record else "void value not ignored as it ought to be"
                       if x.type.is_void else "used array type value where scalar is required"
                       if x.type.is_array else "invalid use of non-scalar value")
        return x

    # ------------------------------------------------------------ statements
    def s_Compound(self, s: ast.Compound) -> None:
        self.compound(s)

    def s_ExprStmt(self, s: ast.ExprStmt) -> None:
        if s.expr is not None:
            s.expr = self.expr(s.expr)  # type: ignore[attr-defined]

    def s_If(self, s: ast.If) -> None:
        s.cond = self.cond(s.cond)
        self.sub_stmt(s.then)
        self.sub_stmt(s.els)

    def sub_stmt(self, s: Any) -> None:
        # C99 6.8.4p3: selection and iteration bodies are blocks of their own.
        if s is None:
            return
        self.push_scope("block")  # type: ignore[attr-defined]
        try:
            self.stmt(s)
        finally:
            self.pop_scope()  # type: ignore[attr-defined]

    def loop_body(self, body: Any) -> None:
        f = self.func  # type: ignore[attr-defined]
        f.loops += 1
        try:
            self.sub_stmt(body)
        finally:
            f.loops -= 1

    def s_While(self, s: ast.While) -> None:
        s.cond = self.cond(s.cond)
        self.loop_body(s.body)

    def s_DoWhile(self, s: ast.DoWhile) -> None:
        self.loop_body(s.body)
        s.cond = self.cond(s.cond)

    def s_For(self, s: ast.For) -> None:
        self.push_scope("block")  # type: ignore[attr-defined]
        try:
            if isinstance(s.init, ast.Declaration):
                before = set(self.scope.tags)  # type: ignore[attr-defined]
                self.declaration(s.init)  # type: ignore[attr-defined]
                for tag in set(self.scope.tags) - before:  # type: ignore[attr-defined]
                    kind = self.scope.tags[tag].kind  # type: ignore[attr-defined]
                    self.error(s.init.loc, f"'{kind} {tag}' declared in 'for' loop initial "  # type: ignore
                                           "declaration")
                for sym in s.init.symbols or []:
                    if sym.kind != "var" or sym.storage in ("static", "extern"):
                        self.error(s.init.loc, "declaration of non-variable "  # type: ignore
                                   f"'{sym.name}' in 'for' loop initial declaration"
                                   if sym.kind != "var" else
                                   f"declaration of {sym.storage} variable '{sym.name}' in "
                                   "'for' loop initial declaration")
            elif s.init is not None:
                s.init = self.expr(s.init)  # type: ignore[attr-defined]
            if s.cond is not None:
                s.cond = self.cond(s.cond)
            if s.step is not None:
                s.step = self.expr(s.step)  # type: ignore[attr-defined]
            self.loop_body(s.body)
        finally:
            self.pop_scope()  # type: ignore[attr-defined]

    def s_Switch(self, s: ast.Switch) -> None:
        f = self.func  # type: ignore[attr-defined]
        x = self.value(s.expr)  # type: ignore[attr-defined]
        if not x.type.is_integer:
            self.error(s.expr.loc, "switch quantity not an integer")  # type: ignore
            t = self.ts.int_  # type: ignore[attr-defined]
        else:
            x = self.promoted(x)  # type: ignore[attr-defined]
            t = promote(self.ts, x.type)  # type: ignore[attr-defined]
        s.expr = x
        f.switches.append([t, {}, False, [], tuple(f.vlas)])
        try:
            self.sub_stmt(s.body)
        finally:
            f.switches.pop()

    def s_Case(self, s: Any) -> None:
        # Long runs of `case a: case b: ...` nest deeply: walk them in a loop.
        while isinstance(s, (ast.Case, ast.Default)):
            if isinstance(s, ast.Case):
                self.one_case(s)
            else:
                self.one_default(s)
            s = s.stmt
        self.stmt(s)

    def s_Default(self, s: ast.Default) -> None:
        self.s_Case(s)

    def one_case(self, s: ast.Case) -> None:
        f = self.func  # type: ignore[attr-defined]
        lo = self.const_int(s.lo, "case label does not reduce to an integer constant")  # type: ignore
        hi = lo
        if s.hi is not None:
            hi = self.const_int(s.hi, "case label does not reduce to an integer constant")  # type: ignore
        self.switch_vla_check(s.loc)
        if not f.switches:
            self.error(s.loc, "case label not within a switch statement")  # type: ignore
        elif lo is not None and hi is not None:
            sw = f.switches[-1]
            t = sw[0]
            lo, hi = t.wrap(lo), t.wrap(hi)
            if hi < lo:
                self.warning(s.loc, "empty range specified")  # type: ignore
            else:
                dup = lo in sw[1] or any(a <= hi and lo <= b for a, b in sw[3]) or (
                    hi > lo and any(lo <= v <= hi for v in sw[1]))
                if dup:
                    self.error(s.loc, "duplicate case value")  # type: ignore
                elif hi == lo:
                    sw[1][lo] = s.loc
                else:
                    sw[3].append((lo, hi))

    def one_default(self, s: ast.Default) -> None:
        f = self.func  # type: ignore[attr-defined]
        self.switch_vla_check(s.loc)
        if not f.switches:
            self.error(s.loc, "'default' label not within a switch statement")  # type: ignore
        elif f.switches[-1][2]:
            self.error(s.loc, "multiple default labels in one switch")  # type: ignore
        else:
            f.switches[-1][2] = True

    def s_Labeled(self, s: ast.Labeled) -> None:
        f = self.func  # type: ignore[attr-defined]
        if s.label in f.labels:
            self.error(s.loc, f"duplicate label '{s.label}'")  # type: ignore
        f.labels[s.label] = (s.loc, tuple(f.vlas))
        self.stmt(s.stmt)

    def use_label(self, name: str, loc: Any) -> None:
        f = self.func  # type: ignore[attr-defined]
        if f is None:
            self.error(loc, "label address used outside of a function")  # type: ignore
            return
        f.gotos.append((name, loc, tuple(f.vlas)))

    def switch_vla_check(self, loc: Any) -> None:
        f = self.func  # type: ignore[attr-defined]
        if f.switches and not set(f.vlas) <= set(f.switches[-1][4]):
            self.error(loc, "switch jumps into scope of identifier with variably modified "  # type: ignore
                            "type")

    def s_Goto(self, s: ast.Goto) -> None:
        self.use_label(s.label, s.loc)

    def s_GotoIndirect(self, s: ast.GotoIndirect) -> None:
        x = self.value(s.expr)  # type: ignore[attr-defined]
        if not x.type.is_pointer:
            self.error(s.loc, "cannot convert to a pointer type")  # type: ignore
        s.expr = x

    def s_Break(self, s: ast.Break) -> None:
        f = self.func  # type: ignore[attr-defined]
        if f.loops == 0 and not f.switches:
            self.error(s.loc, "break statement not within loop or switch")  # type: ignore

    def s_Continue(self, s: ast.Continue) -> None:
        if self.func.loops == 0:  # type: ignore[attr-defined]
            self.error(s.loc, "continue statement not within a loop")  # type: ignore

    def s_Return(self, s: ast.Return) -> None:
        f = self.func  # type: ignore[attr-defined]
        rt = f.ftype.ret
        if s.expr is None:
            if not rt.is_void:
                self.pedwarn(s.loc, "'return' with no value, in function returning non-void")  # type: ignore
            return
        x = self.value(s.expr)  # type: ignore[attr-defined]
        if rt.is_void:
            if not x.type.is_void:
                self.pedwarn(s.loc, "'return' with a value, in function returning void")  # type: ignore
            s.expr = x
            return
        if x.type.is_void:
            self.error(s.loc, "void value not ignored as it ought to be")  # type: ignore
            s.expr = x
            return
        s.expr = self.assign_convert(x, rt, s.expr.loc, "return")  # type: ignore

    def s_AsmStmt(self, s: ast.AsmStmt) -> None:
        for op in (s.outputs or []):
            op.expr = self.expr(op.expr)  # type: ignore[attr-defined]
        for op in (s.inputs or []):
            op.expr = self.expr(op.expr)  # type: ignore[attr-defined]
        for name in (s.labels or []):
            if isinstance(name, str):
                self.use_label(name, s.loc)

    def s_LocalLabelDecl(self, s: ast.LocalLabelDecl) -> None:
        pass

    def s_Declaration(self, s: ast.Declaration) -> None:
        self.declaration(s)  # type: ignore[attr-defined]

    def s_StaticAssert(self, s: ast.StaticAssert) -> None:
        self.static_assert(s)  # type: ignore[attr-defined]

    def s_Pragma(self, s: ast.Pragma) -> None:
        self.pragma(s)  # type: ignore[attr-defined]

    def s_FunctionDef(self, s: ast.FunctionDef) -> None:
        self.function_def(s)  # type: ignore[attr-defined]

    def current_function(self) -> Optional[str]:
        return self.func_name  # type: ignore[attr-defined]
