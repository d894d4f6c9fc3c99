"""SSE/SSE2 (and a few SSE3/SSSE3/SSE4.1) and x87 instruction forms: rows
in the format documented at the top of table.py, some written out, the
regular families generated."""
from __future__ import annotations

from typing import List

# Packed/scalar arithmetic: name stem -> opcode; suffix -> mandatory prefix.
_ARITH = [("add", 0x58), ("mul", 0x59), ("sub", 0x5C), ("min", 0x5D), ("div", 0x5E),
          ("max", 0x5F), ("sqrt", 0x51)]
_KINDS = [("ps", "", "xmm/m128"), ("pd", "66 ", "xmm/m128"), ("ss", "F3 ", "xmm/m32"),
          ("sd", "F2 ", "xmm/m64")]
_LOGIC = [("and", 0x54), ("andn", 0x55), ("or", 0x56), ("xor", 0x57)]
_CMP_PRED = ["eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"]
# SSE2 integer ops with the 66 0F xx /r xmm/m128,xmm form.
_PINT = [("punpcklbw", 0x60), ("punpcklwd", 0x61), ("punpckldq", 0x62), ("packsswb", 0x63),
         ("pcmpgtb", 0x64), ("pcmpgtw", 0x65), ("pcmpgtd", 0x66), ("packuswb", 0x67),
         ("punpckhbw", 0x68), ("punpckhwd", 0x69), ("punpckhdq", 0x6A), ("packssdw", 0x6B),
         ("punpcklqdq", 0x6C), ("punpckhqdq", 0x6D), ("pcmpeqb", 0x74), ("pcmpeqw", 0x75),
         ("pcmpeqd", 0x76), ("psrlw", 0xD1), ("psrld", 0xD2), ("psrlq", 0xD3),
         ("paddq", 0xD4), ("pmullw", 0xD5), ("psubusb", 0xD8), ("psubusw", 0xD9),
         ("pminub", 0xDA), ("pand", 0xDB), ("paddusb", 0xDC), ("paddusw", 0xDD),
         ("pmaxub", 0xDE), ("pandn", 0xDF), ("pavgb", 0xE0), ("psraw", 0xE1), ("psrad", 0xE2),
         ("pavgw", 0xE3), ("pmulhuw", 0xE4), ("pmulhw", 0xE5), ("psubsb", 0xE8),
         ("psubsw", 0xE9), ("pminsw", 0xEA), ("por", 0xEB), ("paddsb", 0xEC),
         ("paddsw", 0xED), ("pmaxsw", 0xEE), ("pxor", 0xEF), ("psllw", 0xF1),
         ("pslld", 0xF2), ("psllq", 0xF3), ("pmuludq", 0xF4), ("pmaddwd", 0xF5),
         ("psadbw", 0xF6), ("psubb", 0xF8), ("psubw", 0xF9), ("psubd", 0xFA),
         ("psubq", 0xFB), ("paddb", 0xFC), ("paddw", 0xFD), ("paddd", 0xFE)]
# Shifts by an immediate: 66 0F op /digit ib.
_PSHIFT_IMM = [("psrlw", 0x71, 2), ("psraw", 0x71, 4), ("psllw", 0x71, 6), ("psrld", 0x72, 2),
               ("psrad", 0x72, 4), ("pslld", 0x72, 6), ("psrlq", 0x73, 2), ("psrldq", 0x73, 3),
               ("psllq", 0x73, 6), ("pslldq", 0x73, 7)]
# SSSE3/SSE4.1 forms with 66 0F 38 xx /r.
_P38 = [("pshufb", 0x00), ("pmulld", 0x40), ("pminsb", 0x38), ("pminsd", 0x39),
        ("pminuw", 0x3A), ("pminud", 0x3B), ("pmaxsb", 0x3C), ("pmaxsd", 0x3D),
        ("pmaxuw", 0x3E), ("pmaxud", 0x3F), ("pcmpeqq", 0x29), ("pcmpgtq", 0x37),
        ("ptest", 0x17), ("pabsb", 0x1C), ("pabsw", 0x1D), ("pabsd", 0x1E),
        ("pmuldq", 0x28), ("packusdw", 0x2B), ("phaddw", 0x01), ("phaddd", 0x02),
        ("phsubw", 0x05), ("phsubd", 0x06), ("pmaddubsw", 0x04), ("pmulhrsw", 0x0B),
        ("psignb", 0x08), ("psignw", 0x09), ("psignd", 0x0A)]
# SSE4.1 sign/zero extensions: 66 0F 38 xx /r, source size by the name.
_PMOVX = [("bw", 0, "m64"), ("bd", 1, "m32"), ("bq", 2, "m16"), ("wd", 3, "m64"),
          ("wq", 4, "m32"), ("dq", 5, "m64")]
# x87 arithmetic: name -> ModRM digit.  The register forms follow GNU as
# (AT&T "fsub %st,%st(i)" is the DC E8+i opcode Intel calls fsubr).
_FARITH = [("add", 0), ("mul", 1), ("sub", 4), ("subr", 5), ("div", 6), ("divr", 7)]
_FNOARG = [("fnop", "D9 D0"), ("fchs", "D9 E0"), ("fabs", "D9 E1"), ("ftst", "D9 E4"),
           ("fxam", "D9 E5"), ("fld1", "D9 E8"), ("fldl2t", "D9 E9"), ("fldl2e", "D9 EA"),
           ("fldpi", "D9 EB"), ("fldlg2", "D9 EC"), ("fldln2", "D9 ED"), ("fldz", "D9 EE"),
           ("f2xm1", "D9 F0"), ("fyl2x", "D9 F1"), ("fptan", "D9 F2"), ("fpatan", "D9 F3"),
           ("fxtract", "D9 F4"), ("fprem1", "D9 F5"), ("fdecstp", "D9 F6"),
           ("fincstp", "D9 F7"), ("fprem", "D9 F8"), ("fyl2xp1", "D9 F9"), ("fsqrt", "D9 FA"),
           ("fsincos", "D9 FB"), ("frndint", "D9 FC"), ("fscale", "D9 FD"), ("fsin", "D9 FE"),
           ("fcos", "D9 FF"), ("fucompp", "DA E9"), ("fcompp", "DE D9"), ("fninit", "DB E3"),
           ("fnclex", "DB E2"), ("finit", "9B DB E3"), ("fclex", "9B DB E2"),
           ("fwait", "9B"), ("wait", "9B")]


def _gen() -> str:
    rows: List[str] = []
    add = rows.append
    for name, op in _ARITH:
        for suf, pre, src in _KINDS:
            add("%s%s - %s,xmm %s0F %02X /r -" % (name, suf, src, pre, op))
    for name, op in (("rsqrt", 0x52), ("rcp", 0x53)):
        add("%sps - xmm/m128,xmm 0F %02X /r -" % (name, op))
        add("%sss - xmm/m32,xmm F3 0F %02X /r -" % (name, op))
    for name, op in _LOGIC:
        add("%sps - xmm/m128,xmm 0F %02X /r -" % (name, op))
        add("%spd - xmm/m128,xmm 66 0F %02X /r -" % (name, op))
    for suf, pre, src in _KINDS:
        add("cmp%s - imm8,%s,xmm %s0F C2 /r -" % (suf, src, pre))
        for i, p in enumerate(_CMP_PRED):
            # cmpltsd x, y = cmpsd $1, x, y: the predicate is an immediate
            # the encoder appends (flag imm=N).
            add("cmp%s%s - %s,xmm %s0F C2 /r imm=%d" % (p, suf, src, pre, i))
    for name, op in _PINT:
        add("%s - xmm/m128,xmm 66 0F %02X /r -" % (name, op))
    for name, op, d in _PSHIFT_IMM:
        add("%s - imm8,xmm 66 0F %02X /%d -" % (name, op, d))
    for name, op in _P38:
        add("%s - xmm/m128,xmm 66 0F 38 %02X /r -" % (name, op))
    for suf, n, src in _PMOVX:
        add("pmovsx%s - xmm/%s,xmm 66 0F 38 %02X /r -" % (suf, src, 0x20 + n))
        add("pmovzx%s - xmm/%s,xmm 66 0F 38 %02X /r -" % (suf, src, 0x30 + n))
    # x87 conditional moves: fcmovCC %st(i), %st.
    for cc, code in (("b", "DA C0"), ("e", "DA C8"), ("be", "DA D0"), ("u", "DA D8"),
                     ("nb", "DB C0"), ("ne", "DB C8"), ("nbe", "DB D0"), ("nu", "DB D8")):
        add("fcmov%s - st,st0 %s +i -" % (cc, code))
    # x87 arithmetic: memory operands (s = float, l = double; fi* integer).
    for name, d in _FARITH:
        # (a bare fadd/fiadd with memory means the s form, as in GNU as)
        add("f%ss - m D8 /%d alias=f%s" % (name, d, name))
        add("f%sl - m DC /%d -" % (name, d))
        add("fi%ss - m DE /%d alias=fi%s" % (name, d, name))
        add("fi%sl - m DA /%d -" % (name, d))
        # st(i),st: D8 C0+8d+i.  st,st(i): DC/DE C0+8d+i, which Intel's
        # manual calls the reversed operation (the AT&T fsub/fsubr quirk:
        # GNU as keeps the digit, so AT&T fsubp is Intel's fsubrp).
        dc = d
        add("f%s - st,st0 D8 %02X +i -" % (name, 0xC0 + 8 * d))
        add("f%s - st D8 %02X +i -" % (name, 0xC0 + 8 * d))
        add("f%s - st0,st DC %02X +i -" % (name, 0xC0 + 8 * dc))
        add("f%sp - st0,st DE %02X +i -" % (name, 0xC0 + 8 * dc))
        add("f%sp - st DE %02X +i -" % (name, 0xC0 + 8 * dc))
        add("f%sp - - DE %02X -" % (name, 0xC1 + 8 * dc))
    for name, code in _FNOARG:
        add("%s - - %s -" % (name, code))
    return "\n".join(rows)


_WRITTEN = """
# ---- SSE moves
movaps   -  xmm/m128,xmm      0F 28 /r         -
movaps   -  xmm,m             0F 29 /r         -
movups   -  xmm/m128,xmm      0F 10 /r         -
movups   -  xmm,m             0F 11 /r         -
movapd   -  xmm/m128,xmm      66 0F 28 /r      -
movapd   -  xmm,m             66 0F 29 /r      -
movupd   -  xmm/m128,xmm      66 0F 10 /r      -
movupd   -  xmm,m             66 0F 11 /r      -
movdqa   -  xmm/m128,xmm      66 0F 6F /r      -
movdqa   -  xmm,m             66 0F 7F /r      -
movdqu   -  xmm/m128,xmm      F3 0F 6F /r      -
movdqu   -  xmm,m             F3 0F 7F /r      -
movss    -  xmm/m32,xmm       F3 0F 10 /r      -
movss    -  xmm,m             F3 0F 11 /r      -
movsd    -  xmm/m64,xmm       F2 0F 10 /r      -
movsd    -  xmm,m             F2 0F 11 /r      -
movd     -  rm32,xmm          66 0F 6E /r      -
movd     -  xmm,rm32          66 0F 7E /r      -
movd     -  rm64,xmm          66 W 0F 6E /r    -
movd     -  xmm,rm64          66 W 0F 7E /r    -
movq     -  xmm/m64,xmm       F3 0F 7E /r      -
movq     -  xmm,m             66 0F D6 /r      -
movq     -  rm64,xmm          66 W 0F 6E /r    -
movq     -  xmm,rm64          66 W 0F 7E /r    -
movlps   -  m,xmm             0F 12 /r         -
movlps   -  xmm,m             0F 13 /r         -
movhps   -  m,xmm             0F 16 /r         -
movhps   -  xmm,m             0F 17 /r         -
movlpd   -  m,xmm             66 0F 12 /r      -
movlpd   -  xmm,m             66 0F 13 /r      -
movhpd   -  m,xmm             66 0F 16 /r      -
movhpd   -  xmm,m             66 0F 17 /r      -
movhlps  -  xmm,xmm           0F 12 /r         -
movlhps  -  xmm,xmm           0F 16 /r         -
movmskps -  xmm,r32           0F 50 /r         -
movmskpd -  xmm,r32           66 0F 50 /r      -
pmovmskb -  xmm,r32           66 0F D7 /r      -
movntdq  -  xmm,m             66 0F E7 /r      -
movntps  -  xmm,m             0F 2B /r         -
movnti   lq rS,m              0F C3 /r         -
lddqu    -  m,xmm             F2 0F F0 /r      -
# ---- SSE compares, conversions, shuffles
ucomiss  -  xmm/m32,xmm       0F 2E /r         -
ucomisd  -  xmm/m64,xmm       66 0F 2E /r      -
comiss   -  xmm/m32,xmm       0F 2F /r         -
comisd   -  xmm/m64,xmm       66 0F 2F /r      -
cvtss2sd -  xmm/m32,xmm       F3 0F 5A /r      -
cvtsd2ss -  xmm/m64,xmm       F2 0F 5A /r      -
cvtps2pd -  xmm/m64,xmm       0F 5A /r         -
cvtpd2ps -  xmm/m128,xmm      66 0F 5A /r      -
cvtdq2ps -  xmm/m128,xmm      0F 5B /r         -
cvtps2dq -  xmm/m128,xmm      66 0F 5B /r      -
cvttps2dq -  xmm/m128,xmm     F3 0F 5B /r      -
cvtdq2pd -  xmm/m64,xmm       F3 0F E6 /r      -
cvtpd2dq -  xmm/m128,xmm      F2 0F E6 /r      -
cvttpd2dq -  xmm/m128,xmm     66 0F E6 /r      -
cvtsi2ss lq rmS,xmm           F3 0F 2A /r      -
cvtsi2sd lq rmS,xmm           F2 0F 2A /r      -
cvttss2si lq xmm/m32,rS       F3 0F 2C /r      -
cvttsd2si lq xmm/m64,rS       F2 0F 2C /r      -
cvtss2si lq xmm/m32,rS        F3 0F 2D /r      -
cvtsd2si lq xmm/m64,rS        F2 0F 2D /r      -
unpcklps -  xmm/m128,xmm      0F 14 /r         -
unpckhps -  xmm/m128,xmm      0F 15 /r         -
unpcklpd -  xmm/m128,xmm      66 0F 14 /r      -
unpckhpd -  xmm/m128,xmm      66 0F 15 /r      -
shufps   -  imm8,xmm/m128,xmm 0F C6 /r         -
shufpd   -  imm8,xmm/m128,xmm 66 0F C6 /r      -
pshufd   -  imm8,xmm/m128,xmm 66 0F 70 /r      -
pshuflw  -  imm8,xmm/m128,xmm F2 0F 70 /r      -
pshufhw  -  imm8,xmm/m128,xmm F3 0F 70 /r      -
pextrw   -  imm8,xmm,r32      66 0F C5 /r      -
pinsrw   -  imm8,rm32,xmm     66 0F C4 /r      -
pinsrb   -  imm8,rm32,xmm     66 0F 3A 20 /r   -
pinsrd   -  imm8,rm32,xmm     66 0F 3A 22 /r   -
pinsrq   -  imm8,rm64,xmm     66 W 0F 3A 22 /r -
pextrb   -  imm8,xmm,rm32     66 0F 3A 14 /r   -
pextrd   -  imm8,xmm,rm32     66 0F 3A 16 /r   -
pextrq   -  imm8,xmm,rm64     66 W 0F 3A 16 /r -
roundss  -  imm8,xmm/m32,xmm  66 0F 3A 0A /r   -
roundsd  -  imm8,xmm/m64,xmm  66 0F 3A 0B /r   -
roundps  -  imm8,xmm/m128,xmm 66 0F 3A 08 /r   -
roundpd  -  imm8,xmm/m128,xmm 66 0F 3A 09 /r   -
palignr  -  imm8,xmm/m128,xmm 66 0F 3A 0F /r   -
blendps  -  imm8,xmm/m128,xmm 66 0F 3A 0C /r   -
blendpd  -  imm8,xmm/m128,xmm 66 0F 3A 0D /r   -
pblendw  -  imm8,xmm/m128,xmm 66 0F 3A 0E /r   -
dpps     -  imm8,xmm/m128,xmm 66 0F 3A 40 /r   -
dppd     -  imm8,xmm/m128,xmm 66 0F 3A 41 /r   -
insertps -  imm8,xmm/m32,xmm  66 0F 3A 21 /r   -
extractps - imm8,xmm,rm32     66 0F 3A 17 /r   -
haddps   -  xmm/m128,xmm      F2 0F 7C /r      -
haddpd   -  xmm/m128,xmm      66 0F 7C /r      -
hsubps   -  xmm/m128,xmm      F2 0F 7D /r      -
hsubpd   -  xmm/m128,xmm      66 0F 7D /r      -
addsubps -  xmm/m128,xmm      F2 0F D0 /r      -
addsubpd -  xmm/m128,xmm      66 0F D0 /r      -
movddup  -  xmm/m64,xmm       F2 0F 12 /r      -
movsldup -  xmm/m128,xmm      F3 0F 12 /r      -
movshdup -  xmm/m128,xmm      F3 0F 16 /r      -
movntdqa -  m,xmm             66 0F 38 2A /r   -
movntpd  -  xmm,m             66 0F 2B /r      -
maskmovdqu - xmm,xmm          66 0F F7 /r      -
# ---- x87 loads and stores (AT&T: s = 32-bit, l = 64-bit, t = 80-bit;
# the integer forms fi*: s = 16-bit, l = 32-bit, ll/q = 64-bit)
flds     -  m                 D9 /0            alias=fld
fldl     -  m                 DD /0            -
fldt     -  m                 DB /5            -
fld      -  st                D9 C0 +i         -
fsts     -  m                 D9 /2            alias=fst
fstl     -  m                 DD /2            -
fst      -  st                DD D0 +i         -
fstps    -  m                 D9 /3            alias=fstp
fstpl    -  m                 DD /3            -
fstpt    -  m                 DB /7            -
fstp     -  st                DD D8 +i         -
filds    -  m                 DF /0            alias=fild
fildl    -  m                 DB /0            -
fildll   -  m                 DF /5            alias=fildq
fists    -  m                 DF /2            alias=fist
fistl    -  m                 DB /2            -
fistps   -  m                 DF /3            alias=fistp
fistpl   -  m                 DB /3            -
fistpll  -  m                 DF /7            alias=fistpq
fisttps  -  m                 DF /1            alias=fisttp
fisttpl  -  m                 DB /1            -
fisttpll -  m                 DD /1            alias=fisttpq
fxch     -  st                D9 C8 +i         -
fxch     -  -                 D9 C9            -
ffree    -  st                DD C0 +i         -
fcom     -  st                D8 D0 +i         -
fcom     -  -                 D8 D1            -
fcomp    -  st                D8 D8 +i         -
fcomp    -  -                 D8 D9            -
fcoms    -  m                 D8 /2            alias=fcom
fcoml    -  m                 DC /2            -
fcomps   -  m                 D8 /3            alias=fcomp
fcompl   -  m                 DC /3            -
fucom    -  st                DD E0 +i         -
fucom    -  -                 DD E1            -
fucomp   -  st                DD E8 +i         -
fucomp   -  -                 DD E9            -
fcomi    -  st,st0            DB F0 +i         -
fcomi    -  st                DB F0 +i         -
fcomip   -  st,st0            DF F0 +i         alias=fcompi
fcomip   -  st                DF F0 +i         alias=fcompi
fucomi   -  st,st0            DB E8 +i         -
fucomi   -  st                DB E8 +i         -
fucomip  -  st,st0            DF E8 +i         alias=fucompi
fucomip  -  st                DF E8 +i         alias=fucompi
fnstcw   -  m                 D9 /7            -
fstcw    -  m                 9B D9 /7         -
fldcw    -  m                 D9 /5            -
fnstsw   -  ax                DF E0            -
fnstsw   -  m                 DD /7            -
fnstsw   -  -                 DF E0            -
fstsw    -  ax                9B DF E0         -
fnstenv  -  m                 D9 /6            -
fstenv   -  m                 9B D9 /6         -
fsave    -  m                 9B DD /6         -
ffreep   -  st                DF C0 +i         -
fxsave   -  m                 0F AE /0         -
fxrstor  -  m                 0F AE /1         -
fxsave64 -  m                 W 0F AE /0       -
fxrstor64 - m                 W 0F AE /1       -
fnsave   -  m                 DD /6            -
frstor   -  m                 DD /4            -
fldenv   -  m                 D9 /4            -
"""

TEXT = _gen() + "\n" + _WRITTEN
