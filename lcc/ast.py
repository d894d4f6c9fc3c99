"""The AST: one schema for the parser, sema and `--dump-ast`.

Every node has `loc` (a diagnostics.Loc) and the fields listed in its
`_fields`, in constructor order: `Binary(loc, op, left, right)`. The parser
builds the syntax as written (declaration specifiers and declarators, not
types); semantic analysis resolves types, sets `Expr.type`, and wraps
operands in `ImplicitCast` where C converts implicitly.

Field conventions: a missing optional part is None; lists are Python lists;
operator and keyword fields are the C spelling ("+=", "->" is `arrow=True`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Tuple


def _make_init(cls: type) -> None:
    fields = cls._fields  # type: ignore[attr-defined]
    extra = cls._extra  # type: ignore[attr-defined]
    params = "".join(f", {f}=None" for f in fields)
    body = ["    self.loc = loc"]
    body += [f"    self.{f} = {f}" for f in fields]
    body += [f"    self.{f} = None" for f in extra]
    src = f"def __init__(self, loc{params}):\n" + "\n".join(body) + "\n"
    ns: Dict[str, Any] = {}
    exec(src, ns)
    cls.__init__ = ns["__init__"]  # type: ignore[misc]


class Node:
    """Base of all AST nodes."""

    __slots__ = ("loc",)
    _fields: Tuple[str, ...] = ()
    # Slots that sema fills in; not constructor arguments.
    _extra: Tuple[str, ...] = ()

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        _make_init(cls)

    def __init__(self, loc: Any, *fields: Any) -> None:  # replaced per subclass
        self.loc = loc

    if TYPE_CHECKING:
        # The fields are slots made from `_fields`, which mypy cannot see.
        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...

    def children(self) -> Iterator["Node"]:
        """The child nodes, in field order (lists flattened)."""
        for name in self._fields:
            value = getattr(self, name)
            if isinstance(value, Node):
                yield value
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, Node):
                        yield item

    def __repr__(self) -> str:
        args = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({args})"


# ---------------------------------------------------------------- top level

class TranslationUnit(Node):
    __slots__ = _fields = ("decls",)


class AsmDecl(Node):
    """A file-scope `asm("...");`: template is the string literal text as
    written (adjacent pieces joined by a space)."""
    __slots__ = _fields = ("template",)


class Pragma(Node):
    """A `#pragma` the preprocessor passed on (`text` is its body, e.g.
    "pack(push, 1)"), at file scope, among struct members or in a block."""
    __slots__ = _fields = ("text",)


class StaticAssert(Node):
    __slots__ = _fields = ("cond", "message")


# ------------------------------------------------------ declaration syntax

class Attribute(Node):
    """One `__attribute__((name(args)))` entry; args are Exprs (an
    identifier argument such as `mode(DI)` is an Ident). name is as written
    (`__packed__` or `packed`)."""
    __slots__ = _fields = ("name", "args")


class DeclSpecs(Node):
    """Declaration specifiers as written.

    storage:   "typedef" "extern" "static" "auto" "register" "_Thread_local"
    quals:     "const" "volatile" "restrict" "_Atomic"
    funcspecs: "inline" "_Noreturn"
    typespecs: keyword strings ("int", "unsigned", "long", "__int128",
               "_Complex", "__builtin_va_list", "__auto_type", "_Float128",
               "_Decimal64", ...) and TypeSpec nodes (StructSpec, EnumSpec,
               TypedefName, TypeofSpec, AtomicTypeSpec)
    align:     AlignAs nodes
    attrs:     Attribute nodes

    Keywords are in their standard spelling whatever was written
    (`__const` is "const", `__inline__` "inline", `__thread`
    "_Thread_local", `__signed__` "signed", `__complex__` "_Complex").
    All lists empty (no type specifier at all) is implicit int: the parser
    accepts `static x;`, `main() {}` and `f(a) int a; {}` as gcc does and
    leaves the diagnostic to sema. gcc's predefined typedef names
    `__int128_t`, `__uint128_t` and `__builtin_ms_va_list` come as
    TypedefName nodes.
    """
    __slots__ = _fields = ("storage", "quals", "funcspecs", "typespecs", "align", "attrs")


class AlignAs(Node):
    """`_Alignas(arg)`: arg is an Expr or a TypeName."""
    __slots__ = _fields = ("arg",)


class TypeSpec(Node):
    __slots__ = ()


class StructSpec(TypeSpec):
    """kind is "struct" or "union"; members is None for `struct tag` without
    a body, else a list of StructMember, StaticAssert and Pragma. attrs
    holds the attributes after the keyword and those right after the body
    (`struct s {...} __attribute__((packed))`)."""
    __slots__ = _fields = ("kind", "tag", "members", "attrs")


class StructMember(Node):
    """declarators is [] for an anonymous struct/union member."""
    __slots__ = _fields = ("specs", "declarators")


class MemberDeclarator(Node):
    """declarator may be None for an unnamed bit-field (`int : 3;`)."""
    __slots__ = _fields = ("declarator", "width", "attrs")


class EnumSpec(TypeSpec):
    __slots__ = _fields = ("tag", "enumerators", "attrs")


class Enumerator(Node):
    __slots__ = _fields = ("name", "value", "attrs")


class TypedefName(TypeSpec):
    __slots__ = _fields = ("name",)


class TypeofSpec(TypeSpec):
    """`typeof(arg)` / `__typeof__(arg)`: arg is an Expr or a TypeName."""
    __slots__ = _fields = ("arg",)


class AtomicTypeSpec(TypeSpec):
    """`_Atomic(type-name)`."""
    __slots__ = _fields = ("typename",)


# Declarators mirror the grammar: `int *a[3]` (a is an array of 3 pointers)
# is PointerDeclarator(inner=ArrayDeclarator(inner=IdentDeclarator("a"), 3)),
# and `int (*p)[3]` is ArrayDeclarator(inner=PointerDeclarator(inner=
# IdentDeclarator("p")), 3). Sema derives the type from the outermost node
# inwards, applying each derivation to the type built so far, until it reaches
# the name. An abstract declarator has inner None where the name would be.

class Declarator(Node):
    __slots__ = ()


class IdentDeclarator(Declarator):
    """attrs: attributes written before a parenthesised declarator,
    `(__attribute__((x)) name)`; those after a declarator are in
    InitDeclarator/MemberDeclarator/ParamDecl specs."""
    __slots__ = _fields = ("name", "attrs")


class PointerDeclarator(Declarator):
    __slots__ = _fields = ("quals", "inner", "attrs")


class ArrayDeclarator(Declarator):
    """size is None for `[]`; is_star for `[*]`; quals/is_static for
    parameter arrays (`int a[static const 3]`)."""
    __slots__ = _fields = ("inner", "size", "quals", "is_static", "is_star")


class FuncDeclarator(Declarator):
    """params is a list of ParamDecl for a prototype (empty for `(void)` is
    NOT used: `(void)` gives one ParamDecl whose type is void; sema decides),
    None with kr_names for an identifier list `f(a, b)`, and None with
    kr_names == [] for `f()`."""
    __slots__ = _fields = ("inner", "params", "variadic", "kr_names")


class ParamDecl(Node):
    """declarator may be None, abstract, or named. Attributes after a
    parameter's declarator are added to its specs.attrs."""
    __slots__ = _fields = ("specs", "declarator")


class InitDeclarator(Node):
    """asm_label is the `__asm__("name")` string as written, or None;
    attrs are the attributes after the declarator (and GNU prefix
    attributes after a comma: `int a, __attribute__((unused)) b;`)."""
    __slots__ = _fields = ("declarator", "init", "asm_label", "attrs")


class Declaration(Node):
    _fields = ("specs", "declarators")
    _extra = ("symbols",)  # sema: the Symbol of each declarator
    __slots__ = _fields + _extra


class FunctionDef(Node):
    """kr_decls are the K&R parameter declarations before the body (None
    when there are none). A FunctionDef inside a Compound is a GNU nested
    function."""
    _fields = ("specs", "declarator", "kr_decls", "body")
    _extra = ("symbol",)
    __slots__ = _fields + _extra


class TypeName(Node):
    """A type name in a cast, sizeof, _Alignof, compound literal, _Generic
    association, typeof or builtin: specifiers plus an abstract declarator
    (None when there is none)."""
    _fields = ("specs", "declarator")
    _extra = ("type",)
    __slots__ = _fields + _extra


# ---------------------------------------------------------------- statements

class Stmt(Node):
    __slots__ = ()


class Compound(Stmt):
    """items: Declarations, StaticAsserts, Stmts, FunctionDefs (GNU nested
    functions, which sema rejects) and LocalLabelDecls.  end_loc: the
    closing brace of a function body (the parser sets it; -g line info)."""
    _fields = ("items",)
    _extra = ("end_loc",)
    __slots__ = _fields + _extra


class LocalLabelDecl(Stmt):
    """GNU `__label__ a, b;`."""
    __slots__ = _fields = ("names",)


class ExprStmt(Stmt):
    """expr is None for the empty statement `;`."""
    __slots__ = _fields = ("expr",)


class If(Stmt):
    __slots__ = _fields = ("cond", "then", "els")


class While(Stmt):
    __slots__ = _fields = ("cond", "body")


class DoWhile(Stmt):
    __slots__ = _fields = ("body", "cond")


class For(Stmt):
    """init is a Declaration, an Expr or None."""
    __slots__ = _fields = ("init", "cond", "step", "body")


class Switch(Stmt):
    __slots__ = _fields = ("expr", "body")


class Case(Stmt):
    """hi is set for the GNU case range `case lo ... hi:`."""
    __slots__ = _fields = ("lo", "hi", "stmt")


class Default(Stmt):
    __slots__ = _fields = ("stmt",)


class Labeled(Stmt):
    __slots__ = _fields = ("label", "stmt", "attrs")


class Goto(Stmt):
    __slots__ = _fields = ("label",)


class GotoIndirect(Stmt):
    """GNU `goto *expr;`."""
    __slots__ = _fields = ("expr",)


class Break(Stmt):
    __slots__ = ()


class Continue(Stmt):
    __slots__ = ()


class Return(Stmt):
    __slots__ = _fields = ("expr",)


class AsmOperand(Node):
    """`[name] "constraint" (expr)`; name may be None."""
    __slots__ = _fields = ("name", "constraint", "expr")


class AsmStmt(Stmt):
    """quals: "volatile", "inline", "goto". template and clobbers are the
    string literal texts as written (with quotes)."""
    __slots__ = _fields = ("quals", "template", "outputs", "inputs", "clobbers", "labels")


# --------------------------------------------------------------- expressions

class Expr(Node):
    __slots__ = ()


class Ident(Expr):
    _fields = ("name",)
    _extra = ("type", "symbol")
    __slots__ = _fields + _extra


class IntLit(Expr):
    """text is the pp-number as written (`0x1fUL`)."""
    _fields = ("text",)
    _extra = ("type", "value")
    __slots__ = _fields + _extra


class FloatLit(Expr):
    _fields = ("text",)
    _extra = ("type", "value")
    __slots__ = _fields + _extra


class CharLit(Expr):
    """text as written, with quotes and any prefix (`L'x'`)."""
    _fields = ("text",)
    _extra = ("type", "value")
    __slots__ = _fields + _extra


class StringLit(Expr):
    """pieces: the adjacent string literal tokens as written, with quotes
    and prefixes; sema concatenates and decodes them into `value` (bytes for
    narrow strings, a list of code units for wide ones)."""
    _fields = ("pieces",)
    _extra = ("type", "value")
    __slots__ = _fields + _extra


class Unary(Expr):
    """op: "&" "*" "+" "-" "~" "!" "++" "--" (prefix), "__real__",
    "__imag__", "__extension__" ignored by the parser."""
    _fields = ("op", "operand")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Postfix(Expr):
    """op: "++" or "--"."""
    _fields = ("op", "operand")
    _extra = ("type",)
    __slots__ = _fields + _extra


class SizeofExpr(Expr):
    _fields = ("expr",)
    _extra = ("type",)
    __slots__ = _fields + _extra


class SizeofType(Expr):
    _fields = ("typename",)
    _extra = ("type",)
    __slots__ = _fields + _extra


class AlignofType(Expr):
    _fields = ("typename",)
    _extra = ("type",)
    __slots__ = _fields + _extra


class AlignofExpr(Expr):
    """GNU `__alignof__ expr` (also `_Alignof expr`, which gcc accepts with
    a pedantic warning)."""
    _fields = ("expr",)
    _extra = ("type",)
    __slots__ = _fields + _extra


class Cast(Expr):
    _fields = ("typename", "expr")
    _extra = ("type",)
    __slots__ = _fields + _extra


class ImplicitCast(Expr):
    """Made by sema only: converts expr to `type`. kind names the
    conversion ("lvalue", "array", "function", "integral", "float",
    "int-float", "float-int", "pointer", "bool", "void", ...)."""
    _fields = ("kind", "expr")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Binary(Expr):
    """op: "*" "/" "%" "+" "-" "<<" ">>" "<" ">" "<=" ">=" "==" "!=" "&"
    "^" "|" "&&" "||"."""
    _fields = ("op", "left", "right")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Assign(Expr):
    """op: "=" "*=" "/=" "%=" "+=" "-=" "<<=" ">>=" "&=" "^=" "|="."""
    _fields = ("op", "target", "value")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Conditional(Expr):
    """then is None for GNU `a ?: b`."""
    _fields = ("cond", "then", "els")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Comma(Expr):
    _fields = ("left", "right")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Call(Expr):
    _fields = ("func", "args")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Index(Expr):
    _fields = ("base", "index")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Member(Expr):
    """`base.name` or, with arrow, `base->name`."""
    _fields = ("base", "name", "arrow")
    _extra = ("type",)
    __slots__ = _fields + _extra


class CompoundLiteral(Expr):
    _fields = ("typename", "init")
    _extra = ("type",)
    __slots__ = _fields + _extra


class InitList(Expr):
    """`{ items }`: a list of InitItem."""
    _fields = ("items",)
    _extra = ("type",)
    __slots__ = _fields + _extra


class InitItem(Node):
    """designators: list of FieldDesignator/IndexDesignator (empty when
    none); value: an Expr or a nested InitList."""
    __slots__ = _fields = ("designators", "value")


class FieldDesignator(Node):
    __slots__ = _fields = ("name",)


class IndexDesignator(Node):
    """`[lo]`, or the GNU range `[lo ... hi]`."""
    __slots__ = _fields = ("lo", "hi")


class Generic(Expr):
    """`_Generic(control, assocs)`: GenericAssoc list."""
    _fields = ("control", "assocs")
    _extra = ("type",)
    __slots__ = _fields + _extra


class GenericAssoc(Node):
    """typename None for `default:`."""
    __slots__ = _fields = ("typename", "expr")


class StmtExpr(Expr):
    """GNU `({ ... })`."""
    _fields = ("body",)
    _extra = ("type",)
    __slots__ = _fields + _extra


class LabelAddr(Expr):
    """GNU `&&label`."""
    _fields = ("label",)
    _extra = ("type",)
    __slots__ = _fields + _extra


class VaArg(Expr):
    """`__builtin_va_arg(ap, type)`."""
    _fields = ("expr", "typename")
    _extra = ("type",)
    __slots__ = _fields + _extra


class Offsetof(Expr):
    """`__builtin_offsetof(type, a.b[2].c)`: designators as in InitItem,
    the first one always a FieldDesignator."""
    _fields = ("typename", "designators")
    _extra = ("type",)
    __slots__ = _fields + _extra


class TypesCompatible(Expr):
    """`__builtin_types_compatible_p(t1, t2)`."""
    _fields = ("type1", "type2")
    _extra = ("type",)
    __slots__ = _fields + _extra


class BuiltinTypeArg(Expr):
    """Other builtins that take a type name among their arguments
    (`__builtin_convertvector(v, T)`): name and args, args mixing Exprs and
    TypeNames."""
    _fields = ("name", "args")
    _extra = ("type",)
    __slots__ = _fields + _extra


# ------------------------------------------------------------------ helpers

def walk(node: Node) -> Iterator[Node]:
    """All nodes below and including `node`, depth first."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        kids = list(n.children())
        kids.reverse()
        stack.extend(kids)


class Visitor:
    """Dispatches `visit(node)` to `visit_<ClassName>`, else `generic_visit`."""

    def __init__(self) -> None:
        self._cache: Dict[type, Callable[[Node], Any]] = {}

    def visit(self, node: Node) -> Any:
        method = self._cache.get(type(node))
        if method is None:
            method = getattr(self, "visit_" + type(node).__name__, self.generic_visit)
            self._cache[type(node)] = method
        return method(node)

    def generic_visit(self, node: Node) -> Any:
        for child in node.children():
            self.visit(child)
        return None


def dump(node: Any, indent: int = 0, show_loc: bool = False) -> str:
    """The text printed by `--dump-ast`: one node per line, fields indented."""
    out: List[str] = []
    _dump(node, indent, show_loc, out, "")
    return "\n".join(out) + "\n"


def _dump(value: Any, indent: int, show_loc: bool, out: List[str], label: str) -> None:
    pad = "  " * indent
    if isinstance(value, Node):
        head = type(value).__name__
        if show_loc and value.loc is not None:
            head += f" <{value.loc.line}:{value.loc.col}>"
        typ = getattr(value, "type", None) if "type" in value._extra else None
        scalars = []
        nested = []
        for f in value._fields:
            v = getattr(value, f)
            if isinstance(v, Node) or (isinstance(v, list) and any(isinstance(i, Node) for i in v)):
                nested.append((f, v))
            elif v is not None and v != [] and v is not False:
                scalars.append(f"{f}={v!r}")
        if typ is not None:
            scalars.append(f"type={typ}")
        out.append(f"{pad}{label}{head}" + (" " + " ".join(scalars) if scalars else ""))
        for f, v in nested:
            _dump(v, indent + 1, show_loc, out, f + ": ")
    elif isinstance(value, list):
        out.append(f"{pad}{label}[")
        for item in value:
            _dump(item, indent + 1, show_loc, out, "")
        out.append(f"{pad}]")
    else:
        out.append(f"{pad}{label}{value!r}")
