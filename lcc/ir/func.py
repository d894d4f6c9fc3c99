"""The lowered program: a Module of Functions (CFGs of tree statements) and
DataItems (initialized static storage).

This is the contract between lowering (lcc/ir/lower*.py, lcc/ir/data.py)
and the back ends (lcc/target/<arch>/).  docs/backend.md describes how each
C construct is represented; the summary:

- A Function's body is a list of Blocks in layout order.  A Block holds
  statement trees (lcc.ir.tree.Node).  Only its last tree may transfer
  control: JUMPV[label], a conditional jump (EQI4[label](a, b) ...: jump when
  true, otherwise fall through to the next block), IJUMPV(addr), RETx.  A
  block that does not end in JUMP/IJUMP/RET falls through to the next one.
- Every local object, parameter and temporary is a Local, addressed as
  ADDRLP8[name].  A Local with `reg` set is a scalar whose address is never
  taken: it appears only as INDIRx(ADDRLP8[n]) and as ASGNx(ADDRLP8[n], v)
  with x its own letter and size, and the back end keeps it in a register.
- Calls are statement roots only: CALLx(fn) as a statement (result unused)
  or ASGNx(ADDRLP8[tmp], CALLx(fn)); CALLB writes through CallSite.dest.
  Argument trees contain no calls.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from lcc.ir.tree import Node, check_tree, format_tree


class Local:
    """A stack object, parameter or temporary of one function.

    name    unique within the function (the ADDRL value)
    size, align  in bytes (align may exceed the type's: _Alignas, arrays >= 16)
    ctype   the sema type (None for a temporary made by lowering)
    reg     True: kept in a register (see the module docstring); then
            `letter` and `nbytes` give its IR type, e.g. ("I", 4)
    param   index among the function's parameters, or -1
    """
    __slots__ = ("name", "size", "align", "ctype", "reg", "letter", "nbytes", "param")

    def __init__(self, name: str, size: int, align: int, ctype: Any = None,
                 reg: bool = False, letter: str = "", nbytes: int = 0,
                 param: int = -1) -> None:
        self.name = name
        self.size = size
        self.align = align
        self.ctype = ctype
        self.reg = reg
        self.letter = letter
        self.nbytes = nbytes
        self.param = param

    def __repr__(self) -> str:
        kind = "reg %s%d" % (self.letter, self.nbytes) if self.reg else "mem"
        return "Local(%s, %d/%d, %s)" % (self.name, self.size, self.align, kind)


class Block:
    __slots__ = ("label", "trees")

    def __init__(self, label: str) -> None:
        self.label = label
        self.trees: List[Node] = []


class CallSite:
    """The value of a CALL node.

    ftype   the callee's sema FuncType (for a call without a prototype: a
            FuncType built from the promoted argument types, variadic False,
            `unprototyped` True)
    args    [(tree, ctype)] in order.  Scalars (I/U/P/F4/F8/F16): a value
            tree of the matching letter and size.  Aggregates (struct,
            union, __int128, _Complex): a tree computing the object's
            address; the back end copies it as the ABI wants.
    dest    CALLB only: tree computing the address the result is stored at
    nfixed  the number of named parameters (variadic callees; = len(args)
            otherwise)
    unprototyped  the callee has no prototype (x86-64 then sets %al)
    """
    __slots__ = ("ftype", "args", "dest", "nfixed", "unprototyped")

    def __init__(self, ftype: Any, args: List[Tuple[Node, Any]], dest: Optional[Node] = None,
                 nfixed: Optional[int] = None, unprototyped: bool = False) -> None:
        self.ftype = ftype
        self.args = args
        self.dest = dest
        self.nfixed = len(args) if nfixed is None else nfixed
        self.unprototyped = unprototyped

    def __str__(self) -> str:
        text = "args=(" + ", ".join(format_tree(t) for t, _ in self.args) + ")"
        if self.dest is not None:
            text += " dest=" + format_tree(self.dest)
        return text


class AsmInfo:
    """The value of an ASM node: a GNU asm statement with operands.

    template  the template string (operands as %0, %1, %[name], %%...)
    outputs   [(constraint, address tree)]: "=r", "+r", "=m", "=&r" ...
    inputs    [(constraint, tree)]: "r"/"i"/"n"/"g": a value tree; "m": an
              address tree; "0".."9": matches that output
    clobbers  ["memory", "cc", "rax", ...]
    names     operand index -> symbolic name ([name] in the constraint)
    goto_labels  block labels of asm goto
    out_types    the C types of the output lvalues, in order (the back end
                 needs their widths: %0 prints as %eax or %rax, and the
                 result is stored back at that width); [] if not given
    in_types     the C types of the input expressions, in order ([] if not
                 given; register inputs then take the tree's size)
    """
    __slots__ = ("template", "outputs", "inputs", "clobbers", "names", "goto_labels",
                 "volatile", "out_types", "in_types")

    def __init__(self, template: str, outputs: List[Tuple[str, Node]],
                 inputs: List[Tuple[str, Node]], clobbers: List[str],
                 names: Optional[Dict[int, str]] = None,
                 goto_labels: Optional[List[str]] = None, volatile: bool = True) -> None:
        self.template = template
        self.outputs = outputs
        self.inputs = inputs
        self.clobbers = clobbers
        self.names = names or {}
        self.goto_labels = goto_labels or []
        self.volatile = volatile
        self.out_types: List[Any] = []
        self.in_types: List[Any] = []

    def __str__(self) -> str:
        return repr(self.template)


class Function:
    """One function definition.

    name       assembler name (asm label applied)
    ctype      its sema FuncType
    linkage    "global" | "static" | "weak"
    params     the parameter Locals, in order (also in `locals`)
    locals     every Local, parameters and temporaries included
    blocks     the body in layout order; blocks[0] is the entry
    label_targets  labels whose address is taken (&&l): IJUMP may reach them
    calls_setjmp   the body calls setjmp/sigsetjmp/... (no Local is `reg`)
    attrs      extra facts for the back end: "noreturn", "naked", "section=..."
               "visibility=hidden", "constructor", "destructor"
    loc        the definition's position (diagnostics, DW_AT_decl_line)
    body_loc, end_loc  its body's opening and closing braces (-g: the lines
               of the prologue and the epilogue); None when unknown
    syms       Local name -> the sema Symbol of a named variable or
               parameter (-g: DW_TAG_variable)
    """
    __slots__ = ("name", "ctype", "linkage", "params", "locals", "blocks", "label_targets",
                 "calls_setjmp", "attrs", "loc", "body_loc", "end_loc", "syms")

    def __init__(self, name: str, ctype: Any, linkage: str = "global") -> None:
        self.name = name
        self.ctype = ctype
        self.linkage = linkage
        self.params: List[Local] = []
        self.locals: Dict[str, Local] = {}
        self.blocks: List[Block] = []
        self.label_targets: List[str] = []
        self.calls_setjmp = False
        self.attrs: List[str] = []
        self.loc: Any = None
        self.body_loc: Any = None
        self.end_loc: Any = None
        self.syms: Dict[str, Any] = {}

    @property
    def variadic(self) -> bool:
        return bool(getattr(self.ctype, "variadic", False))


# A piece of a DataItem's contents, in order, covering exactly `size` bytes:
#   ("bytes", b"...")                  literal bytes
#   ("zero", n)                        n zero bytes
#   ("addr", width, symbol, addend)    a width-byte (8 or 4) address
#                                      symbol+addend (assembler name)
#   ("label", width, label)            address of a code label (LADDR)
#   ("labeldiff", width, label, base)  label minus symbol base (jump table
#                                      entries relative to their table)
Piece = Tuple[Any, ...]


class DataItem:
    """One object with static (or thread) storage duration.

    section   "data" | "rodata" | "bss" | "tdata" | "tbss", or an explicit
              section name from __attribute__((section))
    linkage   "global" | "static" | "weak" | "common"
    """
    __slots__ = ("name", "size", "align", "section", "linkage", "pieces", "attrs")

    def __init__(self, name: str, size: int, align: int, section: str,
                 linkage: str, pieces: Optional[List[Piece]] = None) -> None:
        self.name = name
        self.size = size
        self.align = align
        self.section = section
        self.linkage = linkage
        self.pieces: List[Piece] = pieces or []
        self.attrs: List[str] = []       # "visibility=hidden", "used" ...

    def __repr__(self) -> str:
        return "DataItem(%s, %d, %s)" % (self.name, self.size, self.section)


class Module:
    """A lowered translation unit.

    directives  assembler-level facts about symbols, in order:
                ("weak", name) a weak reference or definition
                ("alias", name, target, linkage)  __attribute__((alias))
                ("visibility", name, "hidden"|"protected"|"internal")
    toplevel_asm  file-scope asm("...") strings, in order
    tls         assembler names of thread-local objects (defined or not)
    names       lowering's bookkeeping (lcc/ir/data.py): counters for
                generated names (.LC<N>, name.N), the string-literal table
    source      the primary source file's path as given (-g), or None
    """
    __slots__ = ("functions", "data", "directives", "toplevel_asm", "tls", "target", "names",
                 "source")

    def __init__(self, target: Any) -> None:
        self.target = target
        self.functions: List[Function] = []
        self.data: List[DataItem] = []
        self.directives: List[Tuple[Any, ...]] = []
        self.toplevel_asm: List[str] = []
        self.tls: set = set()
        self.names: Dict[Any, Any] = {}
        self.source: Optional[str] = None


def check_function(fn: Function) -> None:
    """Raise IRError for malformed IR (tree shapes, control transfers, names)."""
    from lcc.ir.tree import IRError

    labels = {b.label for b in fn.blocks}
    if len(labels) != len(fn.blocks):
        raise IRError("%s: duplicate block labels" % fn.name)
    for b in fn.blocks:
        for i, t in enumerate(b.trees):
            check_tree(t)
            o = t.op.operation
            last = i == len(b.trees) - 1
            if o in ("JUMP", "IJUMP", "RET", "EQ", "NE", "LT", "LE", "GT", "GE") and not last:
                raise IRError("%s: %s in the middle of block %s" % (fn.name, t.op.name, b.label))
            if o == "JUMP" or o in ("EQ", "NE", "LT", "LE", "GT", "GE"):
                if t.value not in labels:
                    raise IRError("%s: jump to unknown label %s" % (fn.name, t.value))
            _check_names(fn, t)


def _check_names(fn: Function, t: Node) -> None:
    from lcc.ir.tree import IRError

    if t.op.operation == "ADDRL" and t.value not in fn.locals:
        raise IRError("%s: unknown local %s" % (fn.name, t.value))
    for k in t.kids:
        _check_names(fn, k)


def format_function(fn: Function) -> str:
    """The --dump-ir text of a function."""
    lines = ["function %s %s" % (fn.name, fn.linkage)]
    for loc in fn.locals.values():
        lines.append("  local %r" % (loc,))
    for b in fn.blocks:
        lines.append("%s:" % b.label)
        for t in b.trees:
            lines.append("  " + format_tree(t))
    return "\n".join(lines) + "\n"


def format_module(m: Module) -> str:
    parts = [format_function(f) for f in m.functions]
    for d in m.data:
        parts.append("data %s size=%d align=%d %s %s %r\n"
                     % (d.name, d.size, d.align, d.section, d.linkage, d.pieces))
    return "".join(parts)
