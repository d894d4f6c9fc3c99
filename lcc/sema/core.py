"""The Analyzer: one object per translation unit, assembled from the mixins
that do each job (specifiers, declarations, expressions, constants,
initializers, statements, builtins)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from lcc import ast
from lcc.sema.builtin_exprs import BuiltinMixin
from lcc.sema.constexpr import ConstMixin
from lcc.sema.decls import DeclMixin
from lcc.sema.exprs import ExprMixin
from lcc.sema.initializers import InitMixin
from lcc.sema.litexprs import LiteralMixin
from lcc.sema.postfix import PostfixMixin
from lcc.sema.scope import Scope, Symbol
from lcc.sema.specs import SpecsMixin
from lcc.sema.stmts import FuncCtx, StmtMixin
from lcc.sema.types import (
    ArrayType, FuncType, Member, PointerType, RecordInfo, RecordType, Type, TypeTable,
)


def va_list_type(ts: TypeTable, target: str) -> Type:
    """`__builtin_va_list` as each ABI defines it."""
    if target == "x86_64":
        info = RecordInfo("struct", "__va_list_tag", None)
        ms = [Member("gp_offset", ts.uint, None), Member("fp_offset", ts.uint, None),
              Member("overflow_arg_area", ts.voidp, None),
              Member("reg_save_area", ts.voidp, None)]
        for m, off in zip(ms, (0, 4, 8, 16)):
            m.offset = off
        info.members, info.size, info.align, info.complete = ms, 24, 8, True
        return ArrayType(RecordType(info), 1)
    if target == "aarch64":
        info = RecordInfo("struct", "__va_list", None)
        ms = [Member("__stack", ts.voidp, None), Member("__gr_top", ts.voidp, None),
              Member("__vr_top", ts.voidp, None), Member("__gr_offs", ts.int_, None),
              Member("__vr_offs", ts.int_, None)]
        for m, off in zip(ms, (0, 8, 16, 24, 28)):
            m.offset = off
        info.members, info.size, info.align, info.complete = ms, 32, 8, True
        return RecordType(info)
    return PointerType(ts.void)


class Analyzer(SpecsMixin, DeclMixin, ExprMixin, LiteralMixin, PostfixMixin, ConstMixin,
               InitMixin, StmtMixin, BuiltinMixin):
    def __init__(self, opts: Any, diags: Any) -> None:
        self.opts = opts
        self.diags = diags
        self.ts = TypeTable(opts.target)
        self.file_scope = Scope(None, "file")
        self.scope = self.file_scope
        # Every declaration with external linkage, by name, wherever it was
        # declared (block-scope `extern` declarations refer to these).
        self.externs: Dict[str, Symbol] = {}
        self.func_params: Dict[int, List[Symbol]] = {}
        self.pack_stack: List[Optional[int]] = [None]
        self.pack_saved: List[Optional[int]] = []
        self.builtin_cache: Dict[str, Optional[Symbol]] = {}
        self.func: Optional[FuncCtx] = None
        self.func_name: Optional[str] = None
        self.func_type: Optional[FuncType] = None
        self._expr_methods: Dict[type, Any] = {}
        self._static_init = False
        self._init_stack: List[Any] = []
        # The unnamed object of each compound literal (its init entries,
        # storage), for the code generator.
        self.literal_symbols: Dict[Any, Symbol] = {}
        # id(StructSpec) -> RecordInfo of each variably modified struct or
        # union defined (the code generator lays it out where it is declared).
        self.vm_specs: Dict[int, Any] = {}
        self.va_list_type = va_list_type(self.ts, opts.target.name)
        for name, t in (("__builtin_va_list", self.va_list_type),
                        ("__int128_t", self.ts.int128), ("__uint128_t", self.ts.uint128)):
            s = Symbol(name, "typedef", t, None)
            s.storage = "typedef"
            self.file_scope.names[name] = s

    # ------------------------------------------------------------ plumbing
    def error(self, loc: Any, msg: str) -> None:
        self.diags.error(loc, msg)

    def warning(self, loc: Any, msg: str) -> None:
        self.diags.warning(loc, msg)

    def pedwarn(self, loc: Any, msg: str) -> None:
        """A constraint violation gcc tolerates: see Diagnostics.pedwarn."""
        self.diags.pedwarn(loc, msg)

    def pedantic(self, loc: Any, msg: str) -> None:
        """An extension used: see Diagnostics.pedantic."""
        self.diags.pedantic(loc, msg)

    def push_scope(self, kind: str) -> None:
        self.scope = Scope(self.scope, kind)

    def pop_scope(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    # ----------------------------------------------------------- top level
    def unit(self, tu: ast.TranslationUnit) -> None:
        for d in tu.decls or []:
            self.diags.where = d.loc
            if isinstance(d, ast.Declaration):
                self.declaration(d)
            elif isinstance(d, ast.FunctionDef):
                self.function_def(d)
            elif isinstance(d, ast.StaticAssert):
                self.static_assert(d)
            elif isinstance(d, ast.Pragma):
                self.pragma(d)
        self.finish()

    def finish(self) -> None:
        """End of the unit: tentative definitions of incomplete type, static
        functions used but never defined."""
        for sym in self.file_scope.names.values():
            if sym.kind == "func" and sym.linkage == "internal" and sym.used \
                    and not sym.defined:
                self.pedwarn(sym.loc, f"'{sym.name}' used but never defined")
        for sym in list(self.file_scope.names.values()):
            if sym.kind != "var" or sym.defined or not sym.tentative:
                continue
            t = sym.type
            if isinstance(t, ArrayType) and t.length is None and t.vla is None:
                # 6.9.2p2: completed as if with one element (gcc warns).
                sym.type = ArrayType(t.elem, 1)
                self.warning(sym.loc, f"array '{sym.name}' assumed to have one element")
            elif not t.is_complete and not t.is_void and sym.linkage == "internal" or (
                    not t.is_complete and t.is_record):
                self.error(sym.loc, f"storage size of '{sym.name}' isn't known")
