"""The x86-64 instructions the selector emits, with their operand roles.

One row per mnemonic family (the table is data: the selector computes
MInst.uses/defs from it, the printer and the next issue's encoder read it).

Columns:
  name      mnemonic stem
  sizes     AT&T size suffixes the family exists with ("-" = the stem alone,
"lq"        =       stem+"l"        and             stem+"q",       ...)
  roles     per explicit operand, in AT&T order (sources first):
              u  read          d  written          ud  read and written
              l  a label         x  an x87 stack register %st(i)
              t  a call target symbol
            "-" alone: no explicit operands
            alternatives by operand count separated by "|" (imul has a
            two- and a three-operand form).  Registers inside a memory
            operand are always reads, whatever the role.
  uses      implicit physical registers read ("-": none), comma separated
  defs      implicit physical registers written
  flags     jump: ends the block, its label operand is the target
            cjump: conditional jump, its label operand is a target
            ijump: indirect jump (targets: the function's label_targets)
            move: a same-class register-to-register form is a plain copy
            zero: with both operands the same register it only writes it
                  (xorl %eax, %eax)
            call, return: calls (the ABI code adds argument uses, return
                  defs and clobbers) and the return pseudo-instruction
The ABI, frame and spill code build some of these by hand (call, ret,
leave, push, movups); they are listed so the table covers everything the
back end prints.
"""
from __future__ import annotations

from        typing  import          Dict,           List,           Tuple

_TABLE = """
# name      sizes   roles           uses            defs            flags
mov         bwlq    u,d             -               -               -
movabs      q       u,d             -               -               -
movzb       lq      u,d             -               -               -
movzw       lq      u,d             -               -               -
movsb       lq      u,d             -               -               -
movsw       lq      u,d             -               -               -
movslq      -       u,d             -               -               -
lea         lq      u,d             -               -               -
add         bwlq    u,ud            -               -               -
sub         bwlq    u,ud            -               -               zero
and         bwlq    u,ud            -               -               -
or          bwlq    u,ud            -               -               -
xor         bwlq    u,ud            -               -               zero
imul        lq      u,ud|u,u,d      -               -               -
neg         lq      ud              -               -               -
not         lq      ud              -               -               -
shl         lq      u,ud            -               -               -
sar         lq      u,ud            -               -               -
shr         lq      u,ud            -               -               -
btc         q       u,ud            -               -               -
cmp         bwlq    u,u             -               -               -
test        bwlq    u,u             -               -               -
cltd        -       -               rax             rdx             -
cqto        -       -               rax             rdx             -
idiv        lq      u               rax,rdx         rax,rdx         -
div         lq      u               rax,rdx         rax,rdx         -
jmp         -       l               -               -               jump
jmp*        -       u               -               -               ijump
je          -       l               -               -               cjump
jne         -       l               -               -               cjump
jl          -       l               -               -               cjump
jle         -       l               -               -               cjump
jg          -       l               -               -               cjump
jge         -       l               -               -               cjump
jb          -       l               -               -               cjump
jbe         -       l               -               -               cjump
ja          -       l               -               -               cjump
jae         -       l               -               -               cjump
jp          -       l               -               -               cjump
jnp         -       l               -               -               cjump
js          -       l               -               -               cjump
jns         -       l               -               -               cjump
rep_movsb   -       -               rdi,rsi,rcx     rdi,rsi,rcx     -
call        -       t               -               -               call
call*       -       u               -               -               call
ret         -       -               -               -               return
leave       -       -               rbp             rsp,rbp         -
push        q       u               rsp             rsp             -
pop         q       d               rsp             rsp             -
sete        -       d               -               -               -
setne       -       d               -               -               -
setl        -       d               -               -               -
setle       -       d               -               -               -
setg        -       d               -               -               -
setge       -       d               -               -               -
setb        -       d               -               -               -
setbe       -       d               -               -               -
seta        -       d               -               -               -
setae       -       d               -               -               -
setp        -       d               -               -               -
setnp       -       d               -               -               -
sets        -       d               -               -               -
setns       -       d               -               -               -
movups      -       u,d             -               -               -
movss       -       u,d             -               -               -
movsd       -       u,d             -               -               -
movaps      -       u,d             -               -               move
movd        -       u,d             -               -               -
addss       -       u,ud            -               -               -
addsd       -       u,ud            -               -               -
subss       -       u,ud            -               -               -
subsd       -       u,ud            -               -               -
mulss       -       u,ud            -               -               -
mulsd       -       u,ud            -               -               -
divss       -       u,ud            -               -               -
divsd       -       u,ud            -               -               -
xorps       -       u,ud            -               -               zero
ucomiss     -       u,u             -               -               -
ucomisd     -       u,u             -               -               -
cvtsi2ss    lq      u,d             -               -               -
cvtsi2sd    lq      u,d             -               -               -
cvttss2si   lq      u,d             -               -               -
cvttsd2si   lq      u,d             -               -               -
cvtss2sd    -       u,d             -               -               -
cvtsd2ss    -       u,d             -               -               -
fld         stl     u               -               -               -
fild        lq      u               -               -               -
fildll      -       u               -               -               -
fst         stl     d               -               -               -
fstp        stl     d               -               -               -
fstp        -       x               -               -               -
fisttp      lq      d               -               -               -
fisttpll    -       d               -               -               -
fnstcw      -       d               -               -               -
fldcw       -       u               -               -               -
fldz        -       -               -               -               -
fld1        -       -               -               -               -
fchs        -       -               -               -               -
fxch        -       -|x             -               -               -
faddp       -       x,x             -               -               -
fsubp       -       x,x             -               -               -
fsubrp      -       x,x             -               -               -
fmulp       -       x,x             -               -               -
fdivp       -       x,x             -               -               -
fdivrp      -       x,x             -               -               -
fucomip     -       x,x             -               -               -
fucomi      -       x,x             -               -               -
fadds       -       u               -               -               -
"""


class InsnInfo:
    """One mnemonic: roles by operand count, implicit registers, flags."""
    __slots__ = ("name", "roles", "uses", "defs", "flags")

    def __init__(self, name: str, roles: Dict[int, Tuple[str, ...]], uses: Tuple[str, ...],
                 defs: Tuple[str, ...], flags: Tuple[str, ...]) -> None:
        self.name = name
        self.roles = roles
        self.uses = uses
        self.defs = defs
        self.flags = flags


def _parse(text: str) -> Dict[str, InsnInfo]:
    table: Dict[str, InsnInfo] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        stem, sizes, roles_text, uses, defs, flags = line.split()
        roles: Dict[int, Tuple[str, ...]] = {}
        for alt in roles_text.split("|"):
            parts = () if alt == "-" else tuple(alt.split(","))
            roles[len(parts)] = parts
        names = [stem] if sizes == "-" else [stem + s for s in sizes]
        for name in names:
            info = InsnInfo(name, roles, tuple(uses.split(",")) if uses != "-" else (),
                            tuple(defs.split(",")) if defs != "-" else (),
                            tuple(flags.split(",")) if flags != "-" else ())
            old = table.get(name)
            if old is not None:       # a second row adds operand-count forms
                old.roles.update(roles)
            else:
                table[name] = info
    return table


INSNS: Dict[str, InsnInfo] = _parse(_TABLE)


def mnemonics() -> List[str]:
    return sorted(INSNS)
