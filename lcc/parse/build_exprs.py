"""AST builder callbacks for initializers, statements and expressions
(the declaration rules are in builder.py; see its doc for the conventions:
one method per grammar rule or alias, children are Toks and earlier
values)."""
from __future__ import annotations

from typing import Any, List

from lcc import ast
from lcc.parse.lexer import ParseContext, Tok

Children = List[Any]


def _string_text(s: ast.StringLit) -> str:
    return " ".join(s.pieces)


def _is_tok(x: Any, value: str) -> bool:
    return type(x) is Tok and x.value == value


def _attrs(c: Children, start: int) -> List[Any]:
    out: List[Any] = []
    for x in c[start:]:
        if type(x) is list:
            out.extend(x)
    return out


class StmtExprBuilder:
    ctx: ParseContext

    # ---------------------------------------------------------- initializers

    def init_list(self, c: Children) -> ast.InitList:
        if len(c) == 2:
            self.ctx.pedwarn(c[0].loc, "ISO C forbids empty initializer braces")
        return ast.InitList(c[0].loc, c[1] if len(c) > 2 else [])

    def init_item(self, c: Children) -> ast.InitItem:
        if len(c) == 1:
            return ast.InitItem(c[0].loc, [], c[0])
        return ast.InitItem(c[0].loc, c[:-2], c[-1])

    def init_item_noeq(self, c: Children) -> ast.InitItem:
        self.ctx.pedwarn(c[0].loc, "obsolete use of designated initializer without '='")
        return ast.InitItem(c[0].loc, [ast.IndexDesignator(c[0].loc, c[1], None)], c[3])

    def init_item_colon(self, c: Children) -> ast.InitItem:
        self.ctx.pedwarn(c[0].loc, "obsolete use of designated initializer with ':'")
        return ast.InitItem(c[0].loc, [ast.FieldDesignator(c[0].loc, c[0].value)], c[2])

    def designator(self, c: Children) -> ast.IndexDesignator:
        if len(c) == 5:
            self.ctx.pedwarn(c[0].loc, "ISO C forbids specifying range of elements to "
                                       "initialize")
        return ast.IndexDesignator(c[0].loc, c[1], c[3] if len(c) == 5 else None)

    def field_designator(self, c: Children) -> ast.FieldDesignator:
        return ast.FieldDesignator(c[0].loc, c[1].value)

    # ------------------------------------------------------------ statements

    def label_stmt(self, c: Children) -> ast.Labeled:
        return ast.Labeled(c[0].loc, c[0].value, c[-1], _attrs(c[2:-1], 0))

    def case_stmt(self, c: Children) -> ast.Case:
        return ast.Case(c[0].loc, c[1], None, c[3])

    def case_range(self, c: Children) -> ast.Case:
        self.ctx.pedwarn(c[0].loc, "range expressions in switch statements are non-standard")
        return ast.Case(c[0].loc, c[1], c[3], c[5])

    def default_stmt(self, c: Children) -> ast.Default:
        return ast.Default(c[0].loc, c[2])

    def compound_statement(self, c: Children) -> ast.Compound:
        return ast.Compound(c[0].loc, [x for x in c[1:-1] if x is not None])

    def local_label(self, c: Children) -> ast.LocalLabelDecl:
        return ast.LocalLabelDecl(c[0].loc, c[1])

    def attr_stmt(self, c: Children) -> ast.ExprStmt:
        return ast.ExprStmt(c[-1].loc, None)

    def expression_statement(self, c: Children) -> ast.ExprStmt:
        if len(c) == 1:
            return ast.ExprStmt(c[0].loc, None)
        return ast.ExprStmt(c[0].loc, c[0])

    def if_stmt(self, c: Children) -> ast.If:
        return ast.If(c[0].loc, c[2], c[4], None)

    def if_else(self, c: Children) -> ast.If:
        return ast.If(c[0].loc, c[2], c[4], c[6])

    def switch_stmt(self, c: Children) -> ast.Switch:
        return ast.Switch(c[0].loc, c[2], c[4])

    def while_stmt(self, c: Children) -> ast.While:
        return ast.While(c[0].loc, c[2], c[4])

    def do_stmt(self, c: Children) -> ast.DoWhile:
        return ast.DoWhile(c[0].loc, c[1], c[4])

    def for_stmt(self, c: Children) -> ast.For:
        init, cond, step = _for_clauses(c[2:-1], 3)
        return ast.For(c[0].loc, init, cond, step, c[-1])

    def for_decl(self, c: Children) -> ast.For:
        cond, step = _for_clauses(c[3:-1], 2)
        return ast.For(c[0].loc, c[2], cond, step, c[-1])

    def goto_stmt(self, c: Children) -> ast.Goto:
        return ast.Goto(c[0].loc, c[1].value)

    def goto_indirect(self, c: Children) -> ast.GotoIndirect:
        return ast.GotoIndirect(c[0].loc, c[2])

    def continue_stmt(self, c: Children) -> ast.Continue:
        return ast.Continue(c[0].loc)

    def break_stmt(self, c: Children) -> ast.Break:
        return ast.Break(c[0].loc)

    def return_stmt(self, c: Children) -> ast.Return:
        return ast.Return(c[0].loc, c[1] if len(c) == 3 else None)

    def asm_statement(self, c: Children) -> ast.AsmStmt:
        quals: List[str] = []
        i = 1
        while c[i].value != "(":
            quals.append(c[i].value)
            i += 1
        template = _string_text(c[i + 1])
        outputs: List[Any] = []
        inputs: List[Any] = []
        clobbers: List[str] = []
        labels: List[str] = []
        if type(c[i + 2]) is list:
            sections = c[i + 2]
            outputs, inputs, clobbers, labels = sections
        return ast.AsmStmt(c[0].loc, quals, template, outputs, inputs, clobbers, labels)

    def asm_tail(self, c: Children) -> List[Any]:
        sections: List[Any] = [[], [], [], []]
        slot = -1
        for x in c:
            if type(x) is Tok:
                slot += 1
            else:
                sections[slot] = x
        return sections

    def asm_operand(self, c: Children) -> ast.AsmOperand:
        if len(c) == 4:
            return ast.AsmOperand(c[0].loc, None, _string_text(c[0]), c[2])
        return ast.AsmOperand(c[0].loc, c[1].value, _string_text(c[3]), c[5])

    def asm_clobbers(self, c: Children) -> List[str]:
        if len(c) == 1:
            return [_string_text(c[0])]
        c[0].append(_string_text(c[2]))
        return c[0]

    def asm_labels(self, c: Children) -> List[str]:
        if len(c) == 1:
            return [c[0].value]
        c[0].append(c[2].value)
        return c[0]

    # ----------------------------------------------------------- expressions

    def comma(self, c: Children) -> ast.Comma:
        return ast.Comma(c[0].loc, c[0], c[2])

    def assign(self, c: Children) -> ast.Assign:
        return ast.Assign(c[0].loc, c[1].value, c[0], c[2])

    def conditional(self, c: Children) -> ast.Conditional:
        return ast.Conditional(c[0].loc, c[0], c[2], c[4])

    def conditional_gnu(self, c: Children) -> ast.Conditional:
        self.ctx.pedwarn(c[1].loc, "ISO C forbids omitting the middle term of a '?:' "
                                   "expression")
        return ast.Conditional(c[0].loc, c[0], None, c[3])

    def binary(self, c: Children) -> ast.Binary:
        return ast.Binary(c[0].loc, c[1].value, c[0], c[2])

    def cast(self, c: Children) -> ast.Cast:
        return ast.Cast(c[0].loc, c[1], c[3])

    def unary(self, c: Children) -> ast.Unary:
        return ast.Unary(c[0].loc, c[0].value, c[1])

    def sizeof_expr(self, c: Children) -> ast.SizeofExpr:
        return ast.SizeofExpr(c[0].loc, c[1])

    def sizeof_type(self, c: Children) -> ast.SizeofType:
        return ast.SizeofType(c[0].loc, c[2])

    def alignof_type(self, c: Children) -> ast.AlignofType:
        return ast.AlignofType(c[0].loc, c[2])

    def alignof_expr(self, c: Children) -> ast.AlignofExpr:
        if c[0].value == "_Alignof":
            self.ctx.pedwarn(c[0].loc, "ISO C does not allow '_Alignof (expression)'")
        return ast.AlignofExpr(c[0].loc, c[1])

    def label_addr(self, c: Children) -> ast.LabelAddr:
        self.ctx.pedwarn(c[0].loc, "taking the address of a label is non-standard")
        return ast.LabelAddr(c[0].loc, c[1].value)

    def index(self, c: Children) -> ast.Index:
        return ast.Index(c[0].loc, c[0], c[2])

    def call(self, c: Children) -> ast.Call:
        return ast.Call(c[0].loc, c[0], c[2] if len(c) == 4 else [])

    def member(self, c: Children) -> ast.Member:
        return ast.Member(c[0].loc, c[0], c[2].value, c[1].value == "->")

    def postfix(self, c: Children) -> ast.Postfix:
        return ast.Postfix(c[0].loc, c[1].value, c[0])

    def compound_literal(self, c: Children) -> ast.CompoundLiteral:
        return ast.CompoundLiteral(c[0].loc, c[1], c[3])

    def ident(self, c: Children) -> ast.Ident:
        return ast.Ident(c[0].loc, c[0].value)

    def int_const(self, c: Children) -> ast.IntLit:
        return ast.IntLit(c[0].loc, c[0].value)

    def float_const(self, c: Children) -> ast.FloatLit:
        return ast.FloatLit(c[0].loc, c[0].value)

    def char_const(self, c: Children) -> ast.CharLit:
        return ast.CharLit(c[0].loc, c[0].value)

    def string_literal(self, c: Children) -> ast.StringLit:
        if len(c) == 1:
            return ast.StringLit(c[0].loc, [c[0].value])
        c[0].pieces.append(c[1].value)
        return c[0]

    def paren(self, c: Children) -> Any:
        return c[1]

    def stmt_expr(self, c: Children) -> ast.StmtExpr:
        self.ctx.pedwarn(c[0].loc, "ISO C forbids braced-groups within expressions")
        return ast.StmtExpr(c[0].loc, c[1])

    def va_arg(self, c: Children) -> ast.VaArg:
        return ast.VaArg(c[0].loc, c[2], c[4])

    def offsetof(self, c: Children) -> ast.Offsetof:
        return ast.Offsetof(c[0].loc, c[2], c[4])

    def offsetof_first(self, c: Children) -> List[Any]:
        return [ast.FieldDesignator(c[0].loc, c[0].value)]

    def offsetof_field(self, c: Children) -> List[Any]:
        c[0].append(ast.FieldDesignator(c[2].loc, c[2].value))
        return c[0]

    def offsetof_index(self, c: Children) -> List[Any]:
        c[0].append(ast.IndexDesignator(c[2].loc, c[2], None))
        return c[0]

    def types_compatible(self, c: Children) -> ast.TypesCompatible:
        return ast.TypesCompatible(c[0].loc, c[2], c[4])

    def convertvector(self, c: Children) -> ast.BuiltinTypeArg:
        return ast.BuiltinTypeArg(c[0].loc, "__builtin_convertvector", [c[2], c[4]])

    def generic_selection(self, c: Children) -> ast.Generic:
        return ast.Generic(c[0].loc, c[2], c[4])

    def generic_association(self, c: Children) -> ast.GenericAssoc:
        return ast.GenericAssoc(c[0].loc, c[0], c[2])

    def generic_default(self, c: Children) -> ast.GenericAssoc:
        return ast.GenericAssoc(c[0].loc, None, c[2])


def _for_clauses(items: Children, n: int) -> List[Any]:
    """The n optional expressions between a for's parentheses: the `;` and
    `)` tokens separate them, and an omitted one stays None."""
    parts: List[Any] = [None] * n
    slot = 0
    for x in items:
        if type(x) is Tok and (x.value == ";" or x.value == ")"):
            slot += 1
        else:
            parts[slot] = x
    return parts
