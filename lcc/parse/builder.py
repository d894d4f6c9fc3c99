"""Builds the AST (lcc/ast.py) during the LALR parse.

Each method is the callback of the grammar rule (or alias) of the same name
in grammar/c11.lark, called by Lark with the rule's children: `Tok`s for
terminals (keep_all_tokens is on, so punctuation is there too and positions
are fixed) and the values earlier callbacks returned. Rules marked `?` in the
grammar have no callback when they have one child.

Besides building nodes, a few callbacks keep the typedef scope table in the
ParseContext up to date: declaration specifiers are pushed on
`ctx.spec_stack` when they reduce and popped by the rule that used them, and
`declarator_reg`, `parameter_declaration`, `enumerator` and
`identifier_list` declare names.
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from lcc import ast
from lcc.diagnostics import CompileError, Loc
from lcc.parse.build_exprs import StmtExprBuilder, _attrs, _is_tok, _string_text
from lcc.parse.lexer import ParseContext, Tok

_STORAGE = {"typedef", "extern", "static", "auto", "register", "_Thread_local"}
_QUALS = {"const", "volatile", "restrict", "_Atomic"}
_FUNCSPECS = {"inline", "_Noreturn"}

Children = List[Any]


def declarator_name(d: Any) -> Optional[str]:
    """The identifier a declarator declares, or None if abstract."""
    while d is not None:
        if type(d) is ast.IdentDeclarator:
            return d.name
        d = d.inner
    return None


class ASTBuilder(StmtExprBuilder):
    """The inline transformer given to Lark (see the module doc); the
    initializer, statement and expression rules are in build_exprs.py."""

    def __init__(self) -> None:
        self.ctx: ParseContext = ParseContext([], {})

    # ------------------------------------------------------------ top level

    def start(self, c: Children) -> ast.TranslationUnit:
        decls = [d for d in c if d is not None]
        loc = decls[0].loc if decls else None
        if not c:
            ctx = self.ctx
            where = Loc(ctx.filename, 1, 1) if ctx.filename else None
            ctx.pedwarn(where, "ISO C forbids an empty translation unit")
        return ast.TranslationUnit(loc, decls)

    def nospec_declaration(self, c: Children) -> ast.Declaration:
        specs = ast.DeclSpecs(c[0][0].loc, [], [], [], [], [], [])
        return ast.Declaration(specs.loc, specs, c[0])

    def declarator_list_nospec(self, c: Children) -> List[ast.InitDeclarator]:
        if type(c[0]) is list:
            c[0].append(c[2])
            return c[0]
        return [self.init_declarator(c)]

    def asm_decl(self, c: Children) -> ast.AsmDecl:
        return ast.AsmDecl(c[0].loc, _string_text(c[2]))

    def pragma(self, c: Children) -> ast.Pragma:
        return ast.Pragma(c[0].loc, c[0].value)

    def empty_decl(self, c: Children) -> None:
        self.ctx.pedwarn(c[0].loc, "ISO C does not allow extra ';' outside of a function")
        return None

    # --------------------------------------------------------- declarations

    def declaration(self, c: Children) -> Any:
        if len(c) == 1:  # _Static_assert
            return c[0]
        specs = self.ctx.pop_specs()
        decls = c[1] if len(c) == 3 else []
        return ast.Declaration(specs.loc, specs, decls)

    def static_assert_declaration(self, c: Children) -> ast.StaticAssert:
        msg = c[4] if len(c) == 7 else None
        if msg is None:
            self.ctx.pedwarn(c[0].loc, "ISO C11 does not support omitting the string in "
                                       "'_Static_assert'")
        return ast.StaticAssert(c[0].loc, c[2], msg)

    def kr_declaration(self, c: Children) -> ast.Declaration:
        specs = self.ctx.pop_specs()
        return ast.Declaration(specs.loc, specs, c[1])

    def function_definition(self, c: Children) -> ast.FunctionDef:
        specs = self.ctx.pop_specs()
        return self._function(specs, c[1], c, 2)

    def function_definition_nospec(self, c: Children) -> ast.FunctionDef:
        specs = ast.DeclSpecs(c[0].loc, [], [], [], [], [], [])
        return self._function(specs, c[0], c, 1)

    def _function(self, specs: ast.DeclSpecs, declarator: Any, c: Children,
                  i: int) -> ast.FunctionDef:
        j = i
        while type(c[j]) is not Tok:
            j += 1
        if not _declares_function(declarator):
            raise CompileError(c[j].loc, "expected '=', ',', ';', 'asm' or '__attribute__' "
                                         "before '{' token")
        if self.ctx.braces:
            self.ctx.pedwarn(specs.loc, "ISO C forbids nested functions")
        kr = c[i:j] if j > i else None
        items = [x for x in c[j + 1:-1] if x is not None]
        body = ast.Compound(c[j].loc, items)
        body.end_loc = getattr(c[-1], "loc", None)     # the closing brace
        return ast.FunctionDef(specs.loc, specs, declarator, kr, body)

    def declaration_specifiers(self, c: Children) -> ast.DeclSpecs:
        items = c[0]
        storage: List[str] = []
        quals: List[str] = []
        funcspecs: List[str] = []
        typespecs: List[Any] = []
        align: List[Any] = []
        attrs: List[Any] = []
        tagged: Any = None  # a struct/enum with a body just seen
        for it in items:
            t = type(it)
            if t is list and tagged is not None:
                # `struct s {...} __attribute__((packed))`: the attributes
                # after the body belong to the type.
                tagged.attrs = (tagged.attrs or []) + it
                continue
            tagged = None
            if t is Tok:
                v = it.value
                if it.type == "TYPE_NAME":
                    typespecs.append(ast.TypedefName(it.loc, v))
                elif v in _STORAGE:
                    storage.append(v)
                elif v in _QUALS:
                    quals.append(v)
                elif v in _FUNCSPECS:
                    funcspecs.append(v)
                else:
                    typespecs.append(v)
            elif t is list:
                attrs.extend(it)
            elif t is ast.AlignAs:
                align.append(it)
            else:
                typespecs.append(it)
                if (t is ast.StructSpec and it.members is not None) or (
                        t is ast.EnumSpec and it.enumerators is not None):
                    tagged = it
        first = items[0]
        loc = first[0].loc if type(first) is list and first else getattr(first, "loc", None)
        specs = ast.DeclSpecs(loc, storage, quals, funcspecs, typespecs, align, attrs)
        self.ctx.push_specs(specs)
        return specs

    def kr_specifiers(self, c: Children) -> ast.DeclSpecs:
        # K&R parameter declarations may only follow an identifier list:
        # the declarator is the nearest Declarator on the parser's stack
        # (below any earlier parameter declarations).
        values = self.ctx.values
        i = len(values) - 1
        while i >= 0 and not isinstance(values[i], ast.Declarator):
            i -= 1
        d = values[i] if i >= 0 else None
        while d is not None and type(d) is not ast.FuncDeclarator:
            d = getattr(d, "inner", None) if type(d) is not ast.IdentDeclarator else None
        first = c[0][0]
        if d is None or (d.params is None and not d.kr_names):
            from lcc.parse.errors import describe
            where = describe(first) if type(first) is Tok else "before '" + str(
                getattr(first, "kind", "struct")) + "'"
            raise CompileError(first.loc if hasattr(first, "loc") else None,
                               f"expected ';' {where}")
        if d.params is not None:
            raise CompileError(first.loc if hasattr(first, "loc") else None,
                               "old-style parameter declarations in prototyped function "
                               "definition")
        return self.declaration_specifiers(c)

    def ds_notype(self, c: Children) -> List[Any]:
        if len(c) == 1:
            return [c[0]]
        c[0].append(c[1])
        return c[0]

    ds_typedef = ds_kw = ds_notype

    def storage_class(self, c: Children) -> Tok:
        return c[0]

    type_qualifier = function_specifier = type_keyword = struct_or_union = storage_class
    asm_qualifier = assign_op = attribute_name = storage_class

    def typeof_specifier(self, c: Children) -> ast.TypeofSpec:
        return ast.TypeofSpec(c[0].loc, c[2])

    typeof_type = typeof_specifier

    def atomic_type_specifier(self, c: Children) -> ast.AtomicTypeSpec:
        return ast.AtomicTypeSpec(c[0].loc, c[2])

    def alignment_specifier(self, c: Children) -> ast.AlignAs:
        return ast.AlignAs(c[0].loc, c[2])

    def struct_or_union_specifier(self, c: Children) -> ast.StructSpec:
        kind = c[0].value
        attrs: List[Any] = []
        tag = None
        members: Optional[List[Any]] = None
        i = 1
        n = len(c)
        while i < n:
            x = c[i]
            if type(x) is list:
                attrs.extend(x)
            elif type(x) is Tok:
                if x.type == "IDENTIFIER":
                    tag = x.value
                elif x.value == "{":
                    members = []
                elif x.value == "}":
                    pass
            elif x is not None and members is not None:
                members.append(x)
            i += 1
        if members is not None and not any(type(m) is ast.StructMember for m in members):
            self.ctx.pedwarn(c[0].loc, f"{kind} has no members")
        return ast.StructSpec(c[0].loc, kind, tag, members, attrs)

    struct_ref = struct_or_union_specifier

    def struct_declaration(self, c: Children) -> Any:
        if len(c) == 1:
            return c[0]
        specs = self.ctx.pop_specs()
        _check_member_specs(specs)
        decls = c[1] if len(c) == 3 else []
        return ast.StructMember(specs.loc, specs, decls)

    def struct_declaration_nosemi(self, c: Children) -> ast.StructMember:
        specs = self.ctx.pop_specs()
        _check_member_specs(specs)
        self.ctx.pedwarn(self.ctx.last.loc if self.ctx.last else specs.loc,
                         "no semicolon at end of struct or union", always=True)
        return ast.StructMember(specs.loc, specs, c[1])

    def struct_pragma(self, c: Children) -> ast.Pragma:
        return ast.Pragma(c[0].loc, c[0].value)

    def struct_empty(self, c: Children) -> None:
        self.ctx.pedwarn(c[0].loc, "extra semicolon in struct or union specified")
        return None

    def struct_declarator_list(self, c: Children) -> List[Any]:
        if len(c) == 1:
            return [c[0]]
        c[0].append(c[2])
        return c[0]

    init_declarator_list = parameter_list = init_item_list = struct_declarator_list
    asm_operands = generic_assoc_list = argument_expression_list = struct_declarator_list

    def struct_declarator(self, c: Children) -> ast.MemberDeclarator:
        return ast.MemberDeclarator(c[0].loc, c[0], None, _attrs(c, 1))

    def bitfield(self, c: Children) -> ast.MemberDeclarator:
        return ast.MemberDeclarator(c[0].loc, c[0], c[2], _attrs(c, 3))

    def bitfield_unnamed(self, c: Children) -> ast.MemberDeclarator:
        return ast.MemberDeclarator(c[0].loc, None, c[1], _attrs(c, 2))

    def enum_specifier(self, c: Children) -> ast.EnumSpec:
        attrs: List[Any] = []
        tag = None
        enumerators: Optional[List[Any]] = None
        for x in c[1:]:
            if type(x) is list:
                if x and type(x[0]) is ast.Enumerator:
                    enumerators = x
                else:
                    attrs.extend(x)
            elif type(x) is Tok and x.type == "IDENTIFIER":
                tag = x.value
        return ast.EnumSpec(c[0].loc, tag, enumerators, attrs)

    enum_ref = enum_specifier

    def enumerator_list(self, c: Children) -> List[Any]:
        if len(c) == 1:
            return [c[0]]
        if len(c) == 3:
            c[0].append(c[2])
        return c[0]

    def enumerator(self, c: Children) -> ast.Enumerator:
        name = c[0].value
        attrs: List[Any] = []
        value = None
        i = 1
        while i < len(c):
            x = c[i]
            if type(x) is list:
                attrs.extend(x)
            elif _is_tok(x, "="):
                value = c[i + 1]
                break
            i += 1
        # An enumeration constant is an ordinary identifier of the
        # enclosing scope (struct and enum braces open no scope).
        self.ctx.declare(name, False)
        return ast.Enumerator(c[0].loc, name, value, attrs)

    def init_declarator(self, c: Children) -> ast.InitDeclarator:
        d = c[0]
        if len(c) == 1:
            return ast.InitDeclarator(d.loc, d, None, None, [])
        asm_label, attrs, init = c[1]
        return ast.InitDeclarator(d.loc, d, init, asm_label, attrs)

    def init_declarator_attrs(self, c: Children) -> ast.InitDeclarator:
        i = 0
        attrs: List[Any] = []
        while type(c[i]) is list:
            attrs.extend(c[i])
            i += 1
        d = self.init_declarator(c[i:])
        d.attrs = attrs + d.attrs
        return d

    def declarator_reg(self, c: Children) -> Any:
        d = c[0]
        name = declarator_name(d)
        if name is not None:
            stack = self.ctx.spec_stack
            is_typedef = bool(stack) and "typedef" in stack[-1].storage
            self.ctx.declare(name, is_typedef)
        return d

    def init_tail(self, c: Children) -> Tuple[Optional[str], List[Any], Any]:
        asm_label = None
        attrs: List[Any] = []
        init = None
        for x in c:
            t = type(x)
            if t is str:
                asm_label = x
            elif t is list:
                attrs.extend(x)
            elif t is Tok:
                pass
            else:
                init = x
        return asm_label, attrs, init

    def asm_label(self, c: Children) -> str:
        return _string_text(c[2])

    # ----------------------------------------------------------- declarators

    def declarator(self, c: Children) -> Any:
        if len(c) == 1:
            return c[0]
        return _wrap_pointers(c[0], c[1])

    def pointer(self, c: Children) -> List[Tuple[Any, List[str], List[Any]]]:
        quals: List[str] = []
        attrs: List[Any] = []
        rest: List[Any] = []
        for x in c[1:]:
            if type(x) is tuple:
                quals, attrs = x
            else:
                rest = x
        return [(c[0].loc, quals, attrs)] + rest

    def pointer_quals(self, c: Children) -> Tuple[List[str], List[Any]]:
        quals: List[str] = []
        attrs: List[Any] = []
        for x in c:
            if type(x) is list:
                attrs.extend(x)
            else:
                quals.append(x.value)
        return quals, attrs

    def ident_declarator(self, c: Children) -> ast.IdentDeclarator:
        return ast.IdentDeclarator(c[0].loc, c[0].value, [])

    def paren_declarator(self, c: Children) -> Any:
        d = c[-2]
        attrs = _attrs(c[1:-2], 0)
        if attrs and hasattr(d, "attrs"):
            d.attrs = (d.attrs or []) + attrs
        return d

    paren_abstract = paren_declarator

    def array_declarator(self, c: Children) -> ast.ArrayDeclarator:
        size, quals, is_static, is_star = c[2] if len(c) == 4 else (None, [], False, False)
        return ast.ArrayDeclarator(c[0].loc, c[0], size, quals, is_static, is_star)

    def array_size(self, c: Children) -> Tuple[Any, List[str], bool, bool]:
        quals = [x.value for x in c if type(x) is Tok]
        size = c[-1] if c and type(c[-1]) is not Tok else None
        return size, quals, False, False

    def array_star(self, c: Children) -> Tuple[Any, List[str], bool, bool]:
        return None, [x.value for x in c[:-1]], False, True

    def array_static(self, c: Children) -> Tuple[Any, List[str], bool, bool]:
        quals = [x.value for x in c[:-1] if type(x) is Tok and x.value != "static"]
        return c[-1], quals, True, False

    def func_declarator(self, c: Children) -> ast.FuncDeclarator:
        params, variadic = c[2]
        return ast.FuncDeclarator(c[0].loc, c[0], params, variadic, None)

    def kr_func_declarator(self, c: Children) -> ast.FuncDeclarator:
        names = c[2] if len(c) == 4 else []
        return ast.FuncDeclarator(c[0].loc, c[0], None, False, names)

    def parameter_type_list(self, c: Children) -> Tuple[List[Any], bool]:
        return c[0], len(c) == 3

    def parameter_declaration(self, c: Children) -> ast.ParamDecl:
        specs = self.ctx.pop_specs()
        d = c[1] if len(c) > 1 else None
        if len(c) > 2:
            specs.attrs = specs.attrs + _attrs(c, 2)
        name = declarator_name(d)
        if name is not None:
            self.ctx.declare(name, False)
        return ast.ParamDecl(specs.loc, specs, d)

    def identifier_list(self, c: Children) -> List[str]:
        name = c[-1].value
        self.ctx.declare(name, False)
        if len(c) == 1:
            return [name]
        c[0].append(name)
        return c[0]

    def type_name(self, c: Children) -> ast.TypeName:
        specs = self.ctx.pop_specs()
        if specs.storage:
            raise CompileError(specs.loc, f"expected expression before '{specs.storage[0]}'")
        return ast.TypeName(specs.loc, specs, c[1] if len(c) == 2 else None)

    def abstract_declarator(self, c: Children) -> Any:
        if len(c) == 2:
            return _wrap_pointers(c[0], c[1])
        if type(c[0]) is list:
            return _wrap_pointers(c[0], None)
        return c[0]

    def array_abstract(self, c: Children) -> ast.ArrayDeclarator:
        inner = None
        if type(c[0]) is not Tok:
            inner = c[0]
            c = c[1:]
        size, quals, is_static, is_star = c[1] if len(c) == 3 else (None, [], False, False)
        loc = inner.loc if inner is not None else c[0].loc
        return ast.ArrayDeclarator(loc, inner, size, quals, is_static, is_star)

    def func_abstract(self, c: Children) -> ast.FuncDeclarator:
        inner = None
        if type(c[0]) is not Tok:
            inner = c[0]
            c = c[1:]
        loc = inner.loc if inner is not None else c[0].loc
        if len(c) == 3:
            params, variadic = c[1]
            return ast.FuncDeclarator(loc, inner, params, variadic, None)
        return ast.FuncDeclarator(loc, inner, None, False, [])

    # ------------------------------------------------------------ attributes

    def attribute_specifier(self, c: Children) -> List[ast.Attribute]:
        return c[3]

    def attribute_list(self, c: Children) -> List[ast.Attribute]:
        if not c:
            return []
        if type(c[0]) is list:
            out = c[0]
            if len(c) == 3:
                out.append(c[2])
            return out
        return [c[0]]

    def attribute(self, c: Children) -> ast.Attribute:
        args = c[2] if len(c) == 4 else []
        return ast.Attribute(c[0].loc, c[0].value, args)


def _declares_function(d: Any) -> bool:
    """Whether the derivation nearest the name is a function declarator
    (what a function definition needs: `F f {}` with a typedef'd function
    type is not one)."""
    parent = None
    while d is not None and type(d) is not ast.IdentDeclarator:
        parent = d
        d = d.inner
    return type(parent) is ast.FuncDeclarator


def _check_member_specs(specs: ast.DeclSpecs) -> None:
    # gcc's grammar has no storage class or function specifier here.
    if specs.storage or specs.funcspecs:
        word = (specs.storage or specs.funcspecs)[0]
        raise CompileError(specs.loc, f"expected specifier-qualifier-list before '{word}'")


def _wrap_pointers(ptrs: List[Tuple[Any, List[str], List[Any]]], inner: Any) -> Any:
    # The leftmost `*` applies to the base type first, so it is outermost.
    for loc, quals, attrs in reversed(ptrs):
        inner = ast.PointerDeclarator(loc, quals, inner, attrs)
    return inner
