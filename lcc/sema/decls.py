"""Declarations (C11 6.7, 6.9): storage classes, linkage, redeclaration
and composite types, tentative definitions, typedefs, function definitions
(prototyped and K&R), `#pragma pack`, `_Static_assert`."""
from __future__ import annotations

import re
from typing import Any, List, Optional

from lcc import ast
from lcc.sema.scope import Symbol
from lcc.sema.specs import DeclInfo, attr_strings
from lcc.sema.typerules import compatible, composite, default_arg_promote
from lcc.sema.types import ArrayType, FuncType, Type, has_variable_size


class DeclMixin:
    """Part of the Analyzer (see core.py)."""

    # ---------------------------------------------------------------- scope
    def declare_ordinary(self, sym: Symbol, loc: Any) -> Symbol:
        """Enter a symbol with no linkage (or an enum constant) in the current
        scope, diagnosing a clash."""
        scope = self.scope  # type: ignore[attr-defined]
        old = scope.names.get(sym.name)
        if old is not None and old is not sym:
            if (old.kind == "typedef" and sym.kind == "typedef"
                    and compatible(old.type, sym.type)):
                return old
            if sym.kind == "enumconst" or old.kind == "enumconst":
                self.error(loc, f"redeclaration of '{sym.name}'")
            elif old.kind == "typedef" and sym.kind == "typedef":
                self.error(loc, f"conflicting types for '{sym.name}'")
            elif old.kind != sym.kind:
                self.error(loc, f"'{sym.name}' redeclared as different kind of symbol")
            else:
                self.error(loc, f"redeclaration of '{sym.name}' with no linkage")
        sym.scope_depth = scope.depth
        scope.names[sym.name] = sym
        return sym

    # ---------------------------------------------------------- declarations
    def declaration(self, decl: ast.Declaration) -> None:
        alone = not decl.declarators
        base, info = self.specs_type(decl.specs, alone=alone)  # type: ignore[attr-defined]
        decl.symbols = []
        at_file = self.scope.kind == "file"  # type: ignore[attr-defined]
        if alone:
            ts_nodes = [t for t in (decl.specs.typespecs or []) if not isinstance(t, str)]
            if not any(isinstance(t, (ast.StructSpec, ast.EnumSpec)) for t in ts_nodes):
                self.pedwarn(decl.loc, "useless type name in empty declaration")  # type: ignore
            return
        if not info.explicit_type and self.opts.std_version >= 199901:  # type: ignore
            names = [n for n in (_declared_name(d.declarator) for d in decl.declarators) if n]
            self.pedwarn(decl.loc, "type defaults to 'int' in declaration of "  # type: ignore
                         f"'{names[0]}'" if names else "type defaults to 'int' in declaration")
        for idecl in decl.declarators:
            name, t, loc, dattrs = self.declarator(base, idecl.declarator, info)  # type: ignore
            loc = loc or idecl.loc
            attrs = list(info.attrs) + dattrs + list(idecl.attrs or [])
            dinfo = DeclInfo()
            dinfo.align, dinfo.packed = info.align, info.packed
            if dattrs or idecl.attrs:
                t = self.apply_type_attrs(t, dattrs + list(idecl.attrs or []), dinfo,  # type: ignore
                                          is_typedef=info.storage == "typedef")
            if name is None:
                self.error(loc, "expected identifier or '('")
                continue
            if info.alignas and (info.storage in ("typedef", "register") or t.is_func):
                what = {"typedef": "typedef", "register": "register object"}.get(
                    info.storage or "", "function")
                self.error(loc, f"alignment specified for {what} '{name}'")
            elif info.alignas and t.is_complete and info.alignas < t.align():
                self.error(loc, f"'_Alignas' specifiers cannot reduce alignment of '{name}'")
            if info.storage != "typedef" and not t.is_func:
                if info.inline:
                    self.error(loc, f"variable '{name}' declared 'inline'")
                if info.noreturn:
                    self.error(loc, f"variable '{name}' declared '_Noreturn'")
            elif info.storage == "typedef" and (info.inline or info.noreturn):
                self.error(loc, f"typedef '{name}' declared '"
                           + ("inline" if info.inline else "_Noreturn") + "'")
            if t.is_func and t.quals:
                self.pedantic(loc, "ISO C forbids qualified function types")  # type: ignore
                t = t.unqual()
            if info.storage == "typedef":
                sym = self.declare_typedef(name, t, loc, dinfo)
                if idecl.init is not None:
                    self.error(loc, f"typedef '{name}' is initialized (use __typeof__ instead)")
            elif t.is_func:
                sym = self.declare_function(name, t, info, loc, attrs, at_file, False)
                if dinfo.align:       # aligned(N): __alignof__ and the code's alignment
                    sym.align = max(sym.align or 0, dinfo.align)
                if idecl.init is not None:
                    self.error(loc, f"function '{name}' is initialized like a variable")
            else:
                sym = self.declare_object(name, t, info, dinfo, loc, at_file, idecl.init,
                                          idecl.asm_label is not None)
                if dinfo.align:
                    sym.align = max(sym.align or 0, dinfo.align)
                if not at_file and sym.is_local_static and self.in_inline_definition():
                    self.pedwarn(loc, f"'{name}' is static but declared in inline function "  # type: ignore
                                      f"'{self.func_name}' which is not static")  # type: ignore
                if idecl.init is not None:
                    self.initialize(sym, idecl, loc)  # type: ignore[attr-defined]
                    self.check_object_complete(sym, loc, at_file)
                elif not at_file:
                    self.check_object_complete(sym, loc, at_file)
            if idecl.asm_label is not None:
                sym.asm_label = _asm_text(idecl.asm_label)
            # Attributes accumulate over redeclarations (a weak declaration
            # makes the later definition weak, as in gcc).
            sym.attrs = sym.attrs + [a for a in attr_strings(attrs) if a not in sym.attrs]
            decl.symbols.append(sym)

    def check_object_complete(self, sym: Symbol, loc: Any, at_file: bool) -> None:
        t = sym.type
        if sym.storage == "extern" and sym.init is None:
            return
        if t.is_void:
            self.error(loc, f"variable or field '{sym.name}' declared void")
        elif not t.is_complete:
            if isinstance(t, ArrayType) and t.elem.is_complete and sym.init is None \
                    and not at_file:
                self.error(loc, f"array size missing in '{sym.name}'")
            elif isinstance(t, ArrayType) and sym.init is None and at_file:
                return
            else:
                self.error(loc, f"storage size of '{sym.name}' isn't known")

    def declare_typedef(self, name: str, t: Type, loc: Any, info: DeclInfo) -> Symbol:
        if info.align:
            t = t.with_align(info.align)
        sym = Symbol(name, "typedef", t, loc)
        sym.storage = "typedef"
        old = self.scope.names.get(name)  # type: ignore[attr-defined]
        if old is not None and old.kind == "typedef" and not compatible(old.type, t):
            self.error(loc, f"conflicting types for '{name}'")
            self.scope.names[name] = sym  # type: ignore[attr-defined]
            return sym
        return self.declare_ordinary(sym, loc)

    def _previous(self, name: str, at_file: bool) -> Optional[Symbol]:
        """The visible declaration with linkage that a new one refers to."""
        if at_file:
            return self.file_scope.names.get(name)  # type: ignore[attr-defined]
        return self.scope.lookup(name)  # type: ignore[attr-defined]

    def declare_function(self, name: str, t: Type, info: DeclInfo, loc: Any,
                         attrs: List[ast.Attribute], at_file: bool, is_def: bool) -> Symbol:
        st = info.storage
        if st == "auto" and not at_file:
            # GNU: forward declaration of a nested function.
            sym = self.scope.names.get(name)  # type: ignore[attr-defined]
            if sym is None or sym.kind != "func":
                sym = Symbol(name, "func", t, loc)
                sym.linkage = "none"
                sym = self.declare_ordinary(sym, loc)
            return sym
        if st not in (None, "extern", "static"):
            self.error(loc, f"invalid storage class for function '{name}'")
        if st == "static" and not at_file:
            self.error(loc, f"invalid storage class for function '{name}'")
        if info.thread_local:
            self.error(loc, "function definition declared '_Thread_local'"
                       if is_def else f"'_Thread_local' in declaration of function '{name}'")
        old = self._previous(name, at_file)
        if old is not None and old.kind not in ("func", "var") or (
                old is not None and old.scope_depth != 0 and old.linkage == "none"
                and old.scope_depth == self.scope.depth):  # type: ignore[attr-defined]
            if old.kind == "typedef" or old.kind == "enumconst" or \
                    old.scope_depth == self.scope.depth:  # type: ignore[attr-defined]
                self.error(loc, f"'{name}' redeclared as different kind of symbol")
            old = None
        if old is None:
            old = self.externs.get(name)  # type: ignore[attr-defined]
            if old is not None and not old.type.is_func:
                old = None
        sym: Symbol
        if old is not None and old.linkage != "none":
            if old.kind != "func":
                self.error(loc, f"'{name}' redeclared as different kind of symbol")
                sym = Symbol(name, "func", t, loc)
            else:
                sym = old
                if not old.is_builtin and not compatible(old.type, t):
                    self.error(loc, f"conflicting types for '{name}'")
                    sym.type = t
                elif old.is_builtin:
                    sym.type = t
                    old.is_builtin = False
                else:
                    sym.type = composite(old.type, t)
                if st == "static" and old.linkage == "external" and not old.is_builtin \
                        and not old.gnu_extern_inline:
                    self.error(loc, f"static declaration of '{name}' follows non-static "
                                    "declaration")
                elif st == "static" and is_def and old.gnu_extern_inline:
                    # gcc: a static definition replaces a gnu_inline extern
                    # body, and the function it emits is local.
                    sym.linkage = "internal"
                    if self.externs.get(name) is sym:  # type: ignore[attr-defined]
                        del self.externs[name]  # type: ignore[attr-defined]
        else:
            sym = Symbol(name, "func", t, loc)
            sym.linkage = "internal" if st == "static" else "external"
            sym.storage = st
        if info.inline and name == "main":
            self.error(loc, "cannot inline function 'main'")
        sym.inline = sym.inline or info.inline
        sym.noreturn = sym.noreturn or info.noreturn
        scope = self.scope  # type: ignore[attr-defined]
        sym.scope_depth = 0
        shadow = scope.names.get(name)
        if shadow is not None and shadow is not sym and shadow.scope_depth == scope.depth \
                and shadow.kind != "func":
            self.error(loc, f"'{name}' redeclared as different kind of symbol")
        scope.names[name] = sym
        if sym.linkage == "external":
            self.externs[name] = sym  # type: ignore[attr-defined]
        return sym

    def declare_object(self, name: str, t: Type, info: DeclInfo, dinfo: DeclInfo,
                       loc: Any, at_file: bool, init: Any, has_asm: bool = False) -> Symbol:
        st = info.storage
        scope = self.scope  # type: ignore[attr-defined]
        if at_file and st == "register" and has_asm:
            st = None   # GNU global register variable
        if at_file and st in ("auto", "register"):
            self.error(loc, f"file-scope declaration of '{name}' specifies '{st}'")
            st = None
        if st == "extern" and init is not None and not at_file:
            self.error(loc, f"'{name}' has both 'extern' and initializer")
        if has_variable_size(t):
            if at_file or st in ("static", "extern"):
                what = "at file scope" if at_file else "with static storage"
                self.error(loc, f"storage size of '{name}' isn't constant"
                           if not at_file else f"variably modified '{name}' {what}")
            elif init is not None:
                self.error(loc, "variable-sized object may not be initialized")
        if at_file or st == "extern":
            old = self._previous(name, at_file)
            if old is not None and not at_file and old.linkage == "none" \
                    and old.scope_depth == scope.depth:
                self.error(loc, f"extern declaration of '{name}' follows declaration "
                                "with no linkage")
                old = None
            if old is not None and not at_file and old.linkage == "none":
                old = None   # shadowed local: the extern refers to file scope
            if old is None and not at_file:
                old = self.externs.get(name)  # type: ignore[attr-defined]
            if old is not None and old.kind != "var":
                if old.kind == "func" or old.scope_depth == scope.depth:
                    self.error(loc, f"'{name}' redeclared as different kind of symbol")
                old = None
            if old is not None and old.linkage != "none":
                sym = old
                if not compatible(old.type, t):
                    self.error(loc, f"conflicting types for '{name}'")
                    sym.type = t
                else:
                    sym.type = composite(old.type, t)
                if at_file and st == "static" and old.linkage == "external":
                    self.error(loc, f"static declaration of '{name}' follows non-static "
                                    "declaration")
                elif at_file and st is None and old.linkage == "internal":
                    self.error(loc, f"non-static declaration of '{name}' follows static "
                                    "declaration")
                if init is not None:
                    if sym.defined:
                        self.error(loc, f"redefinition of '{name}'")
                    sym.defined = True
                elif st != "extern":
                    sym.tentative = True
                if info.thread_local != sym.thread_local:
                    kind = "non-thread-local" if info.thread_local else "thread-local"
                    self.error(loc, f"thread-local declaration of '{name}' follows {kind} "
                               "declaration" if info.thread_local else
                               f"non-thread-local declaration of '{name}' follows "
                               "thread-local declaration")
            else:
                sym = Symbol(name, "var", t, loc)
                sym.storage = st
                sym.linkage = "internal" if st == "static" else "external"
                sym.thread_local = info.thread_local
                if init is not None:
                    sym.defined = True
                elif st != "extern":
                    sym.tentative = True
            sym.scope_depth = 0
            shadow = scope.names.get(name)
            if shadow is not None and shadow is not sym and shadow.scope_depth == scope.depth:
                self.error(loc, f"'{name}' redeclared as different kind of symbol"
                           if shadow.kind != "var" else
                           f"extern declaration of '{name}' follows declaration with no linkage")
            scope.names[name] = sym
            if sym.linkage == "external":
                self.externs[name] = sym  # type: ignore[attr-defined]
            if dinfo.align:
                sym.attrs.append(f"aligned({dinfo.align})")
            return sym
        sym = Symbol(name, "var", t, loc)
        sym.storage = st
        sym.linkage = "none"
        sym.thread_local = info.thread_local
        sym.defined = True
        sym.is_local_static = st == "static"
        if info.thread_local and st is None:
            self.error(loc, f"function-scope '{name}' implicitly auto and declared "
                            "'_Thread_local'")
        return self.declare_ordinary(sym, loc)

    # ---------------------------------------------------- function definition
    def function_def(self, fd: ast.FunctionDef) -> None:
        base, info = self.specs_type(fd.specs)  # type: ignore[attr-defined]
        name, t, loc, dattrs = self.declarator(base, fd.declarator, info)  # type: ignore
        loc = loc or fd.loc
        if not isinstance(t, FuncType) or name is None:
            self.error(loc, "expected '=', ',', ';', 'asm' or '__attribute__' before '{' token")
            return
        nested = self.scope.kind != "file"  # type: ignore[attr-defined]
        if info.storage == "typedef":
            self.error(loc, "function definition declared 'typedef'")
        fdecl = self.innermost_func(fd.declarator)  # type: ignore[attr-defined]
        psyms: List[Symbol] = list(self.func_params.get(id(fdecl), []))  # type: ignore
        if fdecl is not None and fdecl.params is None and fdecl.kr_names:
            psyms = self.kr_params(fdecl, fd.kr_decls or [])
            t = FuncType(t.ret, None, False)
            t.kr_defined = [default_arg_promote(self.ts, p.type) for p in psyms]  # type: ignore
        elif fd.kr_decls:
            self.error(fd.loc, "old-style parameter declarations in prototyped function "
                               "definition")
        if not info.explicit_type:
            # `f() {...}` after `static void f();`: gcc keeps the declared type.
            old = self.file_scope.names.get(name)  # type: ignore[attr-defined]
            if old is not None and old.kind == "func" and isinstance(old.type, FuncType):
                t = FuncType(old.type.ret, t.params, t.variadic) if t.params is not None \
                    else FuncType(old.type.ret, old.type.params, old.type.variadic)
        if nested:
            # GNU nested function: no linkage, visible in the enclosing block,
            # sees the enclosing function's locals.
            sym = self.scope.names.get(name)  # type: ignore[attr-defined]
            if sym is None or sym.kind != "func" or sym.linkage != "none":
                sym = Symbol(name, "func", t, loc)
                sym.linkage = "none"
                self.declare_ordinary(sym, loc)
            sym.type = t
        else:
            sym = self.declare_function(name, t, info, loc, info.attrs + dattrs, True, True)
            dinfo = DeclInfo()
            dinfo.align = info.align
            self.apply_type_attrs(t, dattrs, dinfo, is_typedef=False)  # type: ignore
            if dinfo.align:
                sym.align = max(sym.align or 0, dinfo.align)
            # the definition's attributes (weak, section, ...) for the back end
            sym.attrs = sym.attrs + [a for a in attr_strings(info.attrs + dattrs)
                                     if a not in sym.attrs]
        if sym.defined and not sym.gnu_extern_inline:
            self.error(loc, f"redefinition of '{name}'")
        sym.gnu_extern_inline = info.storage == "extern" and info.inline and \
            self.gnu_inline_semantics(sym)
        sym.defined = True
        fd.symbol = sym
        ret = t.ret
        if ret.is_record and not ret.is_complete or (ret.is_array):
            self.error(loc, "return type is an incomplete type")
        self.push_scope("block")  # type: ignore[attr-defined]
        for p in psyms:
            if not p.name:
                self.pedantic(p.loc, "ISO C does not support omitting parameter names in "  # type: ignore
                                     "function definitions before C2X")
                continue
            if not p.type.is_complete and not p.type.is_array:
                self.error(p.loc, f"parameter {psyms.index(p) + 1} ('{p.name}') has "
                                  "incomplete type")
            p.scope_depth = self.scope.depth  # type: ignore[attr-defined]
            self.declare_ordinary(p, p.loc)
        self.function_body(fd, sym, t, psyms)  # type: ignore[attr-defined]
        self.pop_scope()  # type: ignore[attr-defined]

    def kr_params(self, fdecl: ast.FuncDeclarator, decls: List[ast.Declaration]) -> List[Symbol]:
        names = list(fdecl.kr_names or [])
        by_name = {}
        self.push_scope("proto")  # type: ignore[attr-defined]
        try:
            for d in decls:
                base, info = self.specs_type(d.specs)  # type: ignore[attr-defined]
                for idecl in d.declarators:
                    n, t, loc, _ = self.declarator(base, idecl.declarator, info)  # type: ignore
                    if n not in names:
                        self.error(loc, f"declaration for parameter '{n}' but no such "
                                        "parameter")
                        continue
                    if n in by_name:
                        self.error(loc, f"redefinition of parameter '{n}'")
                    if idecl.init is not None:
                        self.error(loc, f"parameter '{n}' is initialized")
                    if info.storage not in (None, "register"):
                        self.error(loc, f"storage class specified for parameter '{n}'")
                    s = Symbol(n, "var", self.adjust_param(t), loc)  # type: ignore
                    s.is_param = True
                    by_name[n] = s
        finally:
            self.pop_scope()  # type: ignore[attr-defined]
        out = []
        for n in names:
            s = by_name.get(n)
            if s is None:
                self.pedwarn(fdecl.loc, f"type of '{n}' defaults to 'int'")  # type: ignore
                s = Symbol(n, "var", self.ts.int_, fdecl.loc)  # type: ignore[attr-defined]
                s.is_param = True
            out.append(s)
        return out

    def gnu_inline_semantics(self, sym: Symbol) -> bool:
        """Whether `extern inline` means gcc's gnu89 inline (a body for
        inlining only, no definition) rather than C99's (an external
        definition): -fgnu89-inline, C89, or the gnu_inline attribute."""
        flag = getattr(self.opts, "gnu_inline", None)  # type: ignore[attr-defined]
        if flag is None:  # options objects of tests and tools without the property
            flag = self.opts.std_version == 0  # type: ignore[attr-defined]
        return bool(flag) or "gnu_inline" in sym.attrs

    def in_inline_definition(self) -> bool:
        """Inside an inline definition with external linkage (6.7.4p3)?"""
        if self.func_name is None:  # type: ignore[attr-defined]
            return False
        f = self.file_scope.names.get(self.func_name)  # type: ignore[attr-defined]
        return (f is not None and f.inline and f.linkage == "external"
                and f.storage != "extern" and self.func_name != "main")  # type: ignore

    # ----------------------------------------------------------- misc items
    def static_assert(self, sa: ast.StaticAssert) -> None:
        v = self.const_int(sa.cond, "expression in static assertion is not an integer "  # type: ignore
                                    "constant expression")
        if v == 0:
            msg = ""
            if isinstance(sa.message, ast.StringLit):
                self.expr(sa.message)  # type: ignore[attr-defined]
                msg = sa.message.value.decode("utf-8", "replace") if isinstance(
                    sa.message.value, bytes) else ""
                msg = msg.rstrip("\0")
            self.error(sa.loc, f'static assertion failed: "{msg}"' if msg is not None
                       else "static assertion failed")

    def pragma(self, p: ast.Pragma) -> None:
        text = (p.text or "").strip()
        m = re.match(r"pack\s*\((.*)\)\s*$", text)
        if not m:
            return
        args = [a.strip() for a in m.group(1).split(",") if a.strip()]
        stack = self.pack_stack  # type: ignore[attr-defined]
        cur = stack[-1] if stack else None
        if not args:
            stack[-1:] = [None] if stack else []
            if not stack:
                stack.append(None)
            return
        if args[0] == "push":
            n = _int_or_none(args[-1]) if len(args) > 1 else cur
            self.pack_saved.append(cur)  # type: ignore[attr-defined]
            _set_top(stack, n if n else cur if len(args) == 1 else None)
        elif args[0] == "pop":
            saved = self.pack_saved  # type: ignore[attr-defined]
            _set_top(stack, saved.pop() if saved else None)
        else:
            _set_top(stack, _int_or_none(args[0]))


def _set_top(stack: List[Optional[int]], v: Optional[int]) -> None:
    if stack:
        stack[-1] = v
    else:
        stack.append(v)


def _int_or_none(s: str) -> Optional[int]:
    try:
        v = int(s, 0)
    except ValueError:
        return None
    return v or None


def _asm_text(label: Any) -> str:
    if isinstance(label, ast.StringLit):
        return "".join(p.strip('"') for p in label.pieces)
    if isinstance(label, str):
        # Adjacent literals concatenate: glibc writes __asm__ ("" "stat64").
        pieces = re.findall(r'"((?:[^"\\]|\\.)*)"', label)
        return "".join(pieces) if pieces else label.strip('"')
    return str(label)


def _declared_name(d: Any) -> Optional[str]:
    while d is not None and not isinstance(d, ast.IdentDeclarator):
        d = getattr(d, "inner", None)
    return d.name if d is not None else None
