"""Symbols and scopes (C11 6.2.1-6.2.4): ordinary identifiers and tags live
in separate name spaces of each scope; labels are per function (kept by the
statement checker)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from lcc.sema.types import Type


class Symbol:
    """One declared entity.

    kind:    "var" | "func" | "typedef" | "enumconst"
    storage: "extern" | "static" | "auto" | "register" | "typedef" | None
    linkage: "external" | "internal" | "none"
    init:    for an object with an initializer, the flat list of
             InitEntry (see initializers.py); None otherwise.
    """

    __slots__ = ("name", "kind", "type", "storage", "linkage", "defined", "tentative",
                 "loc", "value", "asm_label", "init", "is_param", "attrs", "inline",
                 "noreturn", "thread_local", "is_builtin", "scope_depth", "used",
                 "init_expr", "is_local_static", "align", "gnu_extern_inline")

    def __init__(self, name: str, kind: str, type_: Type, loc: Any) -> None:
        self.name = name
        self.kind = kind
        self.type = type_
        self.storage: Optional[str] = None
        self.linkage = "none"
        self.defined = False
        self.tentative = False
        self.loc = loc
        self.value: Any = None
        self.asm_label: Optional[str] = None
        self.init: Optional[List[Any]] = None
        self.init_expr: Any = None
        self.is_param = False
        self.attrs: List[str] = []
        self.inline = False
        self.noreturn = False
        self.thread_local = False
        self.is_builtin = False
        self.scope_depth = 0
        self.used = False
        self.is_local_static = False
        # Alignment from _Alignas/aligned on the object (None: the type's).
        self.align: Optional[int] = None
        self.gnu_extern_inline = False

    @property
    def has_static_storage(self) -> bool:
        return self.kind == "var" and (self.scope_depth == 0
                                       or self.storage in ("static", "extern"))

    def __repr__(self) -> str:
        return f"Symbol({self.kind} {self.name}: {self.type})"


class Tag:
    """A struct/union/enum tag entry: kind and the shared info object."""

    __slots__ = ("kind", "info", "loc")

    def __init__(self, kind: str, info: Any, loc: Any) -> None:
        self.kind = kind
        self.info = info
        self.loc = loc


class Scope:
    __slots__ = ("parent", "kind", "names", "tags", "depth")

    def __init__(self, parent: Optional["Scope"], kind: str) -> None:
        self.parent = parent
        self.kind = kind   # "file" | "block" | "proto"
        self.names: Dict[str, Symbol] = {}
        self.tags: Dict[str, Tag] = {}
        self.depth = 0 if parent is None else parent.depth + 1

    def lookup(self, name: str) -> Optional[Symbol]:
        s: Optional[Scope] = self
        while s is not None:
            sym = s.names.get(name)
            if sym is not None:
                return sym
            s = s.parent
        return None

    def lookup_tag(self, name: str) -> Optional[Tag]:
        s: Optional[Scope] = self
        while s is not None:
            t = s.tags.get(name)
            if t is not None:
                return t
            s = s.parent
        return None
