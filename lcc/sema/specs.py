"""Declaration specifiers and declarators to types (C11 6.7.2-6.7.7):
keyword combinations, struct/union/enum specifiers and their tags,
typedef names, typeof, attributes that change types, and derived
declarators (pointers, arrays, functions with their parameters)."""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from lcc import ast
from lcc.sema.layout import FieldIn, layout_record
from lcc.sema.scope import Symbol, Tag
from lcc.sema.types import (
    ArrayType, EnumInfo, EnumType, FloatType, FuncType, Member, PointerType,
    QUAL_NAMES, RecordInfo, RecordType, Type, VectorType, ATOMIC, RESTRICT,
)

_ALIASES = {"__signed": "signed", "__signed__": "signed", "__complex": "_Complex",
            "__complex__": "_Complex", "__int128_t": "__int128", "__float128": "_Float128",
            "_Float32": "float", "_Float64": "double", "_Float32x": "double",
            "_Float64x": "long double", "__inline": "inline", "__inline__": "inline",
            "__volatile": "volatile", "__volatile__": "volatile", "__const": "const",
            "__const__": "const", "_Float128x": "_Float128", "__bf16": "float",
            "_Float16": "float", "__fp16": "float", "__int64": "long long",
            # Decimal floating types are approximated by binary ones of
            # the same size (lcc has no decimal arithmetic).
            "_Decimal32": "float", "_Decimal64": "double", "_Decimal128": "_Float128"}

# (sorted keyword multiset) -> integer kind name
_INT_COMBOS = {
    ("char",): "char", ("char", "signed"): "signed char", ("char", "unsigned"): "unsigned char",
    ("short",): "short", ("short", "signed"): "short", ("int", "short"): "short",
    ("int", "short", "signed"): "short", ("short", "unsigned"): "unsigned short",
    ("int", "short", "unsigned"): "unsigned short",
    ("int",): "int", ("signed",): "int", ("int", "signed"): "int",
    ("unsigned",): "unsigned int", ("int", "unsigned"): "unsigned int",
    ("long",): "long", ("int", "long"): "long", ("long", "signed"): "long",
    ("int", "long", "signed"): "long", ("long", "unsigned"): "unsigned long",
    ("int", "long", "unsigned"): "unsigned long",
    ("long", "long"): "long long", ("int", "long", "long"): "long long",
    ("long", "long", "signed"): "long long", ("int", "long", "long", "signed"): "long long",
    ("long", "long", "unsigned"): "unsigned long long",
    ("int", "long", "long", "unsigned"): "unsigned long long",
    ("__int128",): "__int128", ("__int128", "signed"): "__int128",
    ("__int128", "unsigned"): "unsigned __int128", ("_Bool",): "_Bool",
}
_FLOAT_COMBOS = {("float",): "float", ("double",): "double", ("double", "long"): "long double",
                 ("_Float128",): "_Float128"}

_MODES = {"QI": 1, "HI": 2, "SI": 4, "DI": 8, "TI": 16, "word": 8, "pointer": 8,
          "byte": 1, "__QI__": 1, "__HI__": 2, "__SI__": 4, "__DI__": 8, "__TI__": 16,
          "__word__": 8, "__pointer__": 8, "__byte__": 1}
_FMODES = {"SF": "float", "DF": "double", "XF": "long double", "TF": "long double",
           "__SF__": "float", "__DF__": "double", "__XF__": "long double",
           "__TF__": "long double"}


def attr_name(a: ast.Attribute) -> str:
    n = a.name or ""
    if n.startswith("__") and n.endswith("__") and len(n) > 4:
        n = n[2:-2]
    return n


# Attributes whose string argument the back end needs (Symbol.attrs gets
# "section=.text.x", "alias=target", "visibility=hidden" besides the name).
_STRING_ATTRS = ("section", "alias", "visibility", "weakref")


def attr_strings(attrs: List[ast.Attribute]) -> List[str]:
    """Symbol.attrs entries for a declaration's attributes."""
    out: List[str] = []
    for a in attrs:
        n = attr_name(a)
        out.append(n)
        if n in _STRING_ATTRS and a.args and isinstance(a.args[0], ast.StringLit):
            text = "".join(p[p.index('"') + 1:-1] for p in a.args[0].pieces)
            out.append(f"{n}={text}")
    return out


class DeclInfo:
    """What the specifiers say besides the type."""

    __slots__ = ("storage", "inline", "noreturn", "thread_local", "align", "attrs",
                 "packed", "explicit_type", "alignas")

    def __init__(self) -> None:
        self.storage: Optional[str] = None
        self.inline = False
        self.noreturn = False
        self.thread_local = False
        self.align: Optional[int] = None
        self.attrs: List[ast.Attribute] = []
        self.packed = False
        self.explicit_type = True
        self.alignas: Optional[int] = None   # from _Alignas (not attributes)


class SpecsMixin:
    """Part of the Analyzer (see core.py)."""

    # ------------------------------------------------------------ specifiers
    def specs_type(self, specs: ast.DeclSpecs, alone: bool = False) -> Tuple[Type, DeclInfo]:
        info = DeclInfo()
        loc = specs.loc
        for s in specs.storage or []:
            if s in ("_Thread_local", "__thread", "thread_local"):
                info.thread_local = True
                continue
            if info.storage is not None and info.storage != s:
                self.error(loc, "multiple storage classes in declaration specifiers")
            info.storage = s
        for f in specs.funcspecs or []:
            f = _ALIASES.get(f, f)
            if f == "inline":
                info.inline = True
            else:
                info.noreturn = True
        quals = 0
        for q in specs.quals or []:
            quals |= QUAL_NAMES.get(_ALIASES.get(q, q), 0)
        words: List[str] = []
        node_t: Optional[Type] = None
        for t in specs.typespecs or []:
            if isinstance(t, str):
                if t.startswith("_Decimal") and self.opts.target.name != "x86_64":  # type: ignore
                    self.error(loc, "decimal floating-point not supported for this target")
                words.extend(_ALIASES.get(t, t).split())
            elif node_t is not None:
                self.error(t.loc, "two or more data types in declaration specifiers")
            else:
                node_t = self.typespec_node(t, alone and len(specs.typespecs) == 1)
        info.attrs = list(specs.attrs or [])
        if node_t is not None:
            if words:
                self.error(loc, "two or more data types in declaration specifiers")
            base = node_t
        else:
            base = self.keyword_type(words, loc, info)
        for a in specs.align or []:
            al = self.alignas_value(a)
            if al:
                info.align = max(info.align or 0, al)
                info.alignas = max(info.alignas or 0, al)
        if info.thread_local and info.storage in ("auto", "register"):
            self.error(loc, f"'_Thread_local' used with '{info.storage}'")
        base = self.apply_type_attrs(base, info.attrs, info, is_typedef=info.storage == "typedef")
        if quals:
            base = base.qualified(quals)
        return base, info

    def keyword_type(self, words: List[str], loc: Any, info: DeclInfo) -> Type:
        ts = self.ts  # type: ignore[attr-defined]
        if "__builtin_va_list" in words:
            return self.va_list_type  # type: ignore[attr-defined]
        cplx = "_Complex" in words or "_Imaginary" in words
        ws = tuple(sorted(w for w in words if w not in ("_Complex", "_Imaginary")))
        if not ws:
            if cplx:
                self.pedantic(loc, "ISO C does not support plain 'complex' meaning "  # type: ignore
                                   "'double complex'")
                return FloatType("double", True)
            info.explicit_type = False
            return ts.int_
        if ws == ("void",):
            return ts.void
        if ws in _FLOAT_COMBOS:
            k = _FLOAT_COMBOS[ws]
            return FloatType(k, True) if cplx else getattr(ts, {
                "float": "float_", "double": "double", "long double": "ldouble",
                "_Float128": "float128"}[k])
        if ws in _INT_COMBOS:
            t = ts.ints[_INT_COMBOS[ws]]
            if cplx:
                self.pedantic(loc, "ISO C does not support complex integer types")  # type: ignore
                return FloatType("double", True)   # GNU complex int: approximated
            return t
        self.error(loc, "two or more data types in declaration specifiers")
        return ts.int_

    def typespec_node(self, t: ast.Node, alone: bool) -> Type:
        if isinstance(t, ast.StructSpec):
            return self.struct_spec(t, alone)
        if isinstance(t, ast.EnumSpec):
            return self.enum_spec(t, alone)
        if isinstance(t, ast.TypedefName):
            sym = self.scope.lookup(t.name)  # type: ignore[attr-defined]
            if sym is None or sym.kind != "typedef":
                if t.name == "__builtin_va_list":
                    return self.va_list_type  # type: ignore[attr-defined]
                self.error(t.loc, f"unknown type name '{t.name}'")
                return self.ts.int_  # type: ignore[attr-defined]
            return sym.type
        if isinstance(t, ast.TypeofSpec):
            if isinstance(t.arg, ast.TypeName):
                return self.typename(t.arg)
            e = self.expr(t.arg)  # type: ignore[attr-defined]
            t.arg = e
            return e.type
        if isinstance(t, ast.AtomicTypeSpec):
            at = self.typename(t.typename)
            if at.quals:
                self.error(t.loc, "'_Atomic' applied to a qualified type")
            elif at.is_array:
                self.error(t.loc, "'_Atomic' applied to an array type")
            elif at.is_func:
                self.error(t.loc, "'_Atomic' applied to a function type")
            return at.qualified(ATOMIC)
        self.error(t.loc, "unsupported type specifier")
        return self.ts.int_  # type: ignore[attr-defined]

    def typename(self, tn: ast.TypeName) -> Type:
        if tn.type is not None:
            return tn.type
        base, info = self.specs_type(tn.specs)
        _, t, _, _ = self.declarator(base, tn.declarator, info)
        tn.type = t
        return t

    def alignas_value(self, a: ast.AlignAs) -> int:
        if isinstance(a.arg, ast.TypeName):
            return self.typename(a.arg).align()
        v = self.const_int(a.arg, "requested alignment is not an integer constant")  # type: ignore
        if v is None:
            return 0
        if v < 0 or (v & (v - 1)):
            self.error(a.loc, "requested alignment is not a positive power of 2")
            return 0
        return v

    # ------------------------------------------------------------ attributes
    def attr_int(self, a: ast.Attribute, default: int) -> Optional[int]:
        if not a.args:
            return default
        return self.const_int(a.args[0], "requested alignment is not an integer constant")  # type: ignore

    def apply_type_attrs(self, t: Type, attrs: List[ast.Attribute], info: DeclInfo,
                         is_typedef: bool) -> Type:
        """Attributes that change a type: mode, vector_size, and (on typedefs)
        aligned; packed and aligned on objects are noted in info."""
        for a in attrs:
            n = attr_name(a)
            if n == "mode" and a.args and isinstance(a.args[0], ast.Ident):
                m = a.args[0].name
                if m in _MODES and t.is_integer:
                    t = self.ts.int_of_size(_MODES[m], t.signed).qualified(t.quals)  # type: ignore
                elif m in _FMODES:
                    k = _FMODES[m]
                    t = FloatType(k, isinstance(t, FloatType) and t.complex)
                elif m.strip("_") in ("SC", "DC", "XC", "TC"):
                    t = FloatType({"S": "float", "D": "double"}.get(m.strip("_")[0],
                                                                    "long double"), True)
            elif n == "vector_size" and a.args:
                v = self.const_int(a.args[0], "vector size not an integer constant")  # type: ignore
                if v and t.is_arith:
                    t = VectorType(t.unqual(), v).qualified(t.quals)
            elif n == "aligned":
                al = self.attr_int(a, 16)
                if al:
                    if is_typedef:
                        t = t.with_align(al)
                    else:
                        info.align = max(info.align or 0, al)
            elif n == "packed":
                info.packed = True
            elif n == "noreturn":
                info.noreturn = True
            elif n == "transparent_union" and isinstance(t, RecordType):
                t.info.transparent = True
        return t

    # ------------------------------------------------------- struct / union
    def declare_tag(self, kind: str, name: str, loc: Any, here: bool) -> Tag:
        scope = self.scope  # type: ignore[attr-defined]
        tag = scope.tags.get(name) if here else scope.lookup_tag(name)
        if tag is not None:
            if tag.kind != kind:
                self.error(loc, f"'{name}' defined as wrong kind of tag")
            return tag
        info = EnumInfo(name, loc) if kind == "enum" else RecordInfo(kind, name, loc)
        tag = Tag(kind, info, loc)
        scope.tags[name] = tag
        return tag

    def struct_spec(self, s: ast.StructSpec, alone: bool) -> Type:
        kind = s.kind
        if s.members is None:
            if s.tag is None:
                self.error(s.loc, f"{kind} without tag or body")
                return self.ts.int_  # type: ignore[attr-defined]
            tag = self.declare_tag(kind, s.tag, s.loc, here=alone)
            if tag.kind != kind:
                return RecordType(RecordInfo(kind, s.tag, s.loc))
            return RecordType(tag.info)
        if s.tag is not None:
            tag = self.declare_tag(kind, s.tag, s.loc, here=True)
            info = tag.info
            if tag.kind != kind:
                info = RecordInfo(kind, s.tag, s.loc)
            elif info.complete or info.being_defined:
                self.error(s.loc, f"redefinition of '{kind} {s.tag}'")
                info = RecordInfo(kind, s.tag, s.loc)
        else:
            info = RecordInfo(kind, None, s.loc)
        info.being_defined = True
        self.define_record(info, s)
        info.being_defined = False
        if info.is_vm:
            self.vm_specs[id(s)] = info  # type: ignore[attr-defined]
        return RecordType(info)

    def define_record(self, info: RecordInfo, s: ast.StructSpec) -> None:
        packed = False
        align_attr: Optional[int] = None
        for a in s.attrs or []:
            n = attr_name(a)
            if n == "packed":
                packed = True
            elif n == "aligned":
                align_attr = max(align_attr or 0, self.attr_int(a, 16) or 0) or None
            elif n == "transparent_union":
                info.transparent = True
            elif n == "scalar_storage_order" and a.args and \
                    isinstance(a.args[0], ast.StringLit) and \
                    "".join(a.args[0].pieces).strip('"') == "big-endian":
                # All of lcc's targets are little-endian, and byte-swapped
                # member access is not implemented: say so rather than
                # silently lay the record out in native order.
                self.warning(a.loc or s.loc, "'scalar_storage_order' attribute ignored: "  # type: ignore
                             "big-endian storage is not supported yet; members are "
                             "stored little-endian")
        fields: List[FieldIn] = []
        names: dict = {}
        pack = self.pack_stack[-1] if self.pack_stack else None  # type: ignore[attr-defined]
        items = list(s.members or [])
        for idx, item in enumerate(items):
            if isinstance(item, ast.StaticAssert):
                self.static_assert(item)  # type: ignore[attr-defined]
                continue
            if isinstance(item, ast.Pragma):
                self.pragma(item)  # type: ignore[attr-defined]
                pack = self.pack_stack[-1] if self.pack_stack else None  # type: ignore
                continue
            if not isinstance(item, ast.StructMember):
                continue
            base, dinfo = self.specs_type(item.specs)
            if not item.declarators:
                # An anonymous struct/union member (C11 6.7.2.1p13).
                if base.is_record and base.info.tag is None:  # type: ignore[attr-defined]
                    if base.info.is_vm:  # type: ignore[attr-defined]
                        info.is_vm = True
                    m = Member(None, base, item.loc)
                    fields.append(FieldIn(m, dinfo.align, dinfo.packed))
                    for sub in base.info.members:  # type: ignore[attr-defined]
                        if sub.name is not None:
                            self._dup_member(names, sub.name, item.loc)
                continue
            for md in item.declarators:
                mattrs = list(md.attrs or [])
                t = base
                mi = DeclInfo()
                mi.align, mi.packed = dinfo.align, dinfo.packed
                name, loc = None, md.loc
                if md.declarator is not None:
                    name, t, loc, dattrs = self.declarator(base, md.declarator, dinfo)
                    mattrs += dattrs
                t = self.apply_type_attrs(t, mattrs, mi, is_typedef=False)
                shown = name or "<anonymous>"
                width: Optional[int] = None
                if md.width is not None:
                    width = self.const_int(md.width, f"bit-field '{shown}' width not an "
                                                     "integer constant")  # type: ignore
                    if width is None:
                        width = 1
                    if dinfo.alignas:
                        self.error(loc, f"alignment specified for bit-field '{shown}'")
                    if not t.is_integer:
                        self.error(loc, f"bit-field '{shown}' has invalid type")
                        t = self.ts.int_  # type: ignore[attr-defined]
                    elif width < 0:
                        self.error(loc, f"negative width in bit-field '{shown}'")
                        width = 1
                    elif width > t.size() * 8 or (t.kind == "_Bool" and width > 1):  # type: ignore
                        self.error(loc, f"width of '{shown}' exceeds its type")
                        width = 1
                    elif width == 0 and name is not None:
                        self.error(loc, f"zero width for bit-field '{shown}'")
                        width = 1
                elif t.is_func:
                    self.error(loc, f"field '{shown}' declared as a function")
                    continue
                elif not t.is_complete:
                    last = idx == len(items) - 1 or all(
                        not isinstance(x, ast.StructMember) for x in items[idx + 1:])
                    is_fam = (isinstance(t, ArrayType) and t.length is None and t.vla is None
                              and t.elem.is_complete)
                    if not is_fam:
                        self.error(loc, f"field '{shown}' has incomplete type")
                        continue
                    if info.kind == "union":
                        self.error(loc, "flexible array member in union")
                        continue
                    if not last or md is not item.declarators[-1]:
                        self.error(loc, "flexible array member not at end of struct")
                        continue
                    if not any(f.member.name for f in fields):
                        self.error(loc, "flexible array member in a struct with no named "
                                        "members")
                        continue
                if isinstance(t, ArrayType) and t.is_vla:
                    self.pedantic(loc, "a member of a structure or union cannot have a "  # type: ignore
                                       "variably modified type")
                    info.is_vm = True
                elif isinstance(t, RecordType) and t.info.is_vm:
                    info.is_vm = True
                if isinstance(t, RecordType) and t.info.has_flex and (
                        info.kind == "struct" and not (idx == len(items) - 1)):
                    self.pedantic(loc, "invalid use of structure with flexible array member")  # type: ignore
                if isinstance(t, ArrayType) and isinstance(t.elem, RecordType) \
                        and t.elem.info.has_flex:
                    self.pedantic(loc, "invalid use of structure with flexible array member")  # type: ignore
                if name is not None:
                    self._dup_member(names, name, loc)
                m = Member(name, t, loc, width)
                fields.append(FieldIn(m, mi.align, mi.packed))
        tgt = self.opts.target.name  # type: ignore[attr-defined]
        if not fields:
            self.pedantic(s.loc, f"{info.kind} has no members")  # type: ignore
        layout_record(info, fields, packed, align_attr, pack, tgt)

    def _dup_member(self, names: dict, name: str, loc: Any) -> None:
        if name in names:
            self.error(loc, f"duplicate member '{name}'")
        names[name] = True

    # ------------------------------------------------------------------ enum
    def enum_spec(self, s: ast.EnumSpec, alone: bool) -> Type:
        ts = self.ts  # type: ignore[attr-defined]
        if s.enumerators is None:
            if s.tag is None:
                self.error(s.loc, "enum without tag or body")
                return ts.int_
            tag = self.declare_tag("enum", s.tag, s.loc, here=alone)
            if tag.kind != "enum":
                return ts.int_
            if not tag.info.complete:
                self.pedantic(s.loc, "ISO C forbids forward references to 'enum' types")  # type: ignore
            return EnumType(tag.info)
        if s.tag is not None:
            tag = self.declare_tag("enum", s.tag, s.loc, here=True)
            info = tag.info if tag.kind == "enum" else EnumInfo(s.tag, s.loc)
            if info.complete:
                self.error(s.loc, f"redeclaration of 'enum {s.tag}'")
                info = EnumInfo(s.tag, s.loc)
        else:
            info = EnumInfo(None, s.loc)
        packed = any(attr_name(a) == "packed" for a in (s.attrs or []))
        value = 0
        syms: List[Symbol] = []
        lo, hi = 0, 0
        for en in s.enumerators:
            if en.value is not None:
                v = self.const_int(en.value, "enumerator value for "  # type: ignore
                                   f"'{en.name}' is not an integer constant")
                if v is not None:
                    value = v
            if not -2**31 <= value < 2**31:
                self.pedantic(en.loc, "ISO C restricts enumerator values to range of 'int'")  # type: ignore
            sym = Symbol(en.name, "enumconst", ts.int_ if -2**31 <= value < 2**31 else (
                ts.long if value < 2**63 else ts.ulong), en.loc)
            sym.value = value
            self.declare_ordinary(sym, en.loc)  # type: ignore[attr-defined]
            syms.append(sym)
            lo, hi = min(lo, value), max(hi, value)
            value += 1
        if lo < 0:
            cands = [ts.schar, ts.short, ts.int_, ts.long, ts.int128] if packed else \
                [ts.int_, ts.long, ts.int128]
        else:
            cands = [ts.uchar, ts.ushort, ts.uint, ts.ulong, ts.uint128] if packed else \
                [ts.uint, ts.ulong, ts.uint128]
        under = cands[-1]
        for c in cands:
            mn, mx = c.min_max()
            if mn <= lo and hi <= mx:
                under = c
                break
        info.underlying = under
        info.complete = True
        et = EnumType(info)
        # Constants out of int's range take the enum type (gcc).
        for sym in syms:
            if sym.type is not ts.int_:
                sym.type = et
        return et

    # ---------------------------------------------------------- declarators
    def declarator(self, base: Type, d: Optional[ast.Node], info: DeclInfo,
                   is_param: bool = False
                   ) -> Tuple[Optional[str], Type, Any, List[ast.Attribute]]:
        """(name, type, loc of the name, attributes on the declarator)."""
        t = base
        if base.quals & RESTRICT and not base.is_pointer:
            self.error(info_loc(d, base), "invalid use of 'restrict'")
            base = t = base.unqual().qualified(base.quals & ~RESTRICT)
        attrs: List[ast.Attribute] = []
        loc = d.loc if d is not None else None
        while d is not None:
            if isinstance(d, ast.IdentDeclarator):
                attrs += d.attrs or []
                return d.name, t, d.loc, attrs
            if isinstance(d, ast.PointerDeclarator):
                q = 0
                for x in d.quals or []:
                    q |= QUAL_NAMES.get(_ALIASES.get(x, x), 0)
                if q & RESTRICT and t.is_func:
                    self.error(d.loc, "invalid use of 'restrict'")
                    q &= ~RESTRICT
                t = PointerType(t).qualified(q)
                if d.attrs:
                    t = self.apply_type_attrs(t, d.attrs, DeclInfo(), is_typedef=False)
                d = d.inner
            elif isinstance(d, ast.ArrayDeclarator):
                if (d.quals or d.is_static) and not (
                        is_param and (d.inner is None or isinstance(d.inner, ast.IdentDeclarator))):
                    self.error(d.loc, "static or type qualifiers in non-parameter array "
                                      "declarator")
                t = self.array_of(t, d, loc)
                d = d.inner
            elif isinstance(d, ast.FuncDeclarator):
                t = self.function_of(t, d, loc)
                d = d.inner
            else:
                self.error(d.loc, "unsupported declarator")
                break
        return None, t, loc, attrs

    def array_of(self, elem: Type, d: ast.ArrayDeclarator, loc: Any) -> Type:
        if elem.is_func:
            self.error(d.loc, "declaration of array of functions")
            elem = PointerType(elem)
        elif not elem.is_complete and not elem.is_void:
            self.error(d.loc, "array type has incomplete element type")
        elif elem.is_void:
            self.error(d.loc, "declaration of array of voids")
        elif isinstance(elem, RecordType) and elem.info.has_flex:
            self.pedantic(d.loc, "invalid use of structure with flexible array member")  # type: ignore
        length: Optional[int] = None
        vla = None
        if d.size is not None:
            e = self.rvalue(self.expr(d.size))  # type: ignore[attr-defined]
            d.size = e
            if not e.type.is_integer:
                self.error(e.loc, "size of array has non-integer type")
            else:
                v = self.fold(e)  # type: ignore[attr-defined]
                if isinstance(v, int):
                    if v < 0:
                        self.error(e.loc, "size of array is negative")
                        v = 0
                    elif v == 0:
                        self.pedantic(e.loc, "ISO C forbids zero-size array")  # type: ignore
                    length = v
                else:
                    vla = e
        elif d.is_star:
            vla = True
        a = ArrayType(elem, length, vla)
        if d.is_static:
            a.param_static = True
        if d.quals:
            # Only meaningful on parameters: kept for adjust_param.
            q = 0
            for x in d.quals:
                q |= QUAL_NAMES.get(_ALIASES.get(x, x), 0)
            a.align_ovr = None
            a.quals = q
        return a

    def function_of(self, ret: Type, d: ast.FuncDeclarator, loc: Any) -> Type:
        if ret.is_func:
            self.error(d.loc, "function returning a function")
            ret = PointerType(ret)
        elif ret.is_array:
            self.error(d.loc, "function returning an array")
            ret = PointerType(ret.elem)  # type: ignore[attr-defined]
        if d.params is None:
            f = FuncType(ret, None)
            self.func_params[id(d)] = []  # type: ignore[attr-defined]
            return f
        self.push_scope("proto")  # type: ignore[attr-defined]
        params: List[Type] = []
        psyms: List[Symbol] = []
        try:
            plist = d.params
            for i, p in enumerate(plist):
                pbase, pinfo = self.specs_type(p.specs)
                name, pt, ploc, _ = self.declarator(pbase, p.declarator, pinfo, True)
                ploc = ploc or p.loc
                if pt.is_void and name is None and len(plist) == 1 and not d.variadic \
                        and pt.quals == 0:
                    break
                if pt.is_void:
                    self.error(ploc, "parameter %d ('%s') has void type" % (i + 1, name)
                               if name else "'void' must be the only parameter")
                if pinfo.storage not in (None, "register"):
                    self.error(ploc, f"storage class specified for parameter '{name}'")
                if pinfo.alignas:
                    self.error(ploc, f"alignment specified for parameter '{name}'")
                pt = self.adjust_param(pt)
                params.append(pt)
                sym = Symbol(name or "", "var", pt, ploc)
                sym.is_param = True
                sym.storage = pinfo.storage
                psyms.append(sym)
                if name:
                    self.declare_ordinary(sym, ploc)  # type: ignore[attr-defined]
        finally:
            self.pop_scope()  # type: ignore[attr-defined]
        self.func_params[id(d)] = psyms  # type: ignore[attr-defined]
        return FuncType(ret, params, bool(d.variadic))

    def adjust_param(self, t: Type) -> Type:
        """6.7.6.3p7-8: array and function parameters become pointers."""
        if isinstance(t, ArrayType):
            return PointerType(t.elem).qualified(t.quals & ~ATOMIC | (t.quals & ATOMIC))
        if t.is_func:
            return PointerType(t)
        return t

    def innermost_func(self, d: Optional[ast.Node]) -> Optional[ast.FuncDeclarator]:
        found = None
        while d is not None and not isinstance(d, ast.IdentDeclarator):
            if isinstance(d, ast.FuncDeclarator):
                found = d
            d = getattr(d, "inner", None)
        return found


def info_loc(d: Any, t: Type) -> Any:
    return d.loc if d is not None else None
