"""Types of the builtins gcc knows without a declaration.

Fixed signatures are written in a one-letter code, return type first:
  v void   i int   u unsigned   l long   L unsigned long   q long long
  Q unsigned long long   z size_t   Z ssize_t(long)  f float   d double
  e long double   b _Bool   c char   p void *   P const void *   s char *
  S const char *   F FILE * (void *)   I __int128 unsigned  E ... (variadic)
  W wint_t (unsigned)  V va_list (as void *)   h unsigned short  y uint32_t
  Y uint64_t   C complex double   B complex float   D complex long double
Type-generic builtins are typed by the Analyzer (builtin_call in
builtin_exprs.py)."""
from __future__ import annotations

from typing import Dict, List, Optional

from lcc.sema.types import FloatType, FuncType, PointerType, Type, TypeTable, CONST

_LIBC = """
abort:v exit:vi _exit:vi _Exit:vi abs:ii labs:ll llabs:qq imaxabs:ll
memcpy:ppPz memmove:ppPz memset:ppiz memcmp:iPPz memchr:pPiz mempcpy:ppPz
strcpy:ssS strncpy:ssSz strcat:ssS strncat:ssSz strcmp:iSS strncmp:iSSz strlen:zS
strnlen:zSz strchr:sSi strrchr:sSi strstr:sSS strdup:sS strndup:sSz strspn:zSS
strcspn:zSS strpbrk:sSS stpcpy:ssS stpncpy:ssSz strcasecmp:iSS strncasecmp:iSSz
printf:iSE sprintf:isSE snprintf:iszSE fprintf:iFSE vprintf:iSV vsprintf:isSV
vsnprintf:iszSV vfprintf:iFSV scanf:iSE sscanf:iSSE fscanf:iFSE
puts:iS putchar:ii fputs:iSF fputc:iiF putc:iiF fwrite:zPzzF fread:zpzzF
malloc:pz calloc:pzz realloc:ppz free:vp alloca:pz aligned_alloc:pzz
bcmp:iPPz bzero:vpz bcopy:vPpz index:sSi rindex:sSi ffs:ii ffsl:il ffsll:iq
isdigit:ii isalpha:ii isalnum:ii isspace:ii isupper:ii islower:ii isprint:ii
ispunct:ii isxdigit:ii iscntrl:ii isgraph:ii isascii:ii toascii:ii toupper:ii tolower:ii
isblank:ii iswalpha:iW iswdigit:iW iswspace:iW towlower:WW towupper:WW
fabs:dd fabsf:ff fabsl:ee sqrt:dd sqrtf:ff sqrtl:ee floor:dd floorf:ff floorl:ee
ceil:dd ceilf:ff ceill:ee trunc:dd truncf:ff truncl:ee round:dd roundf:ff roundl:ee
nearbyint:dd nearbyintf:ff nearbyintl:ee rint:dd rintf:ff rintl:ee
copysign:ddd copysignf:fff copysignl:eee fmod:ddd fmodf:fff fmodl:eee
pow:ddd powf:fff powl:eee exp:dd expf:ff expl:ee exp2:dd exp2f:ff exp2l:ee
expm1:dd log:dd logf:ff logl:ee log2:dd log2f:ff log10:dd log10f:ff log1p:dd
sin:dd sinf:ff sinl:ee cos:dd cosf:ff cosl:ee tan:dd tanf:ff atan:dd atanf:ff
atan2:ddd atan2f:fff asin:dd acos:dd sinh:dd cosh:dd tanh:dd cbrt:dd hypot:ddd
nan:dS nanf:fS nanl:eS nans:dS nansf:fS nansl:eS
inf:d inff:f infl:e huge_val:d huge_valf:f huge_vall:e
fmax:ddd fmin:ddd fmaxf:fff fminf:fff fmaxl:eee fminl:eee fdim:ddd fma:dddd fmaf:ffff
ldexp:ddi ldexpf:ffi ldexpl:eei frexp:ddp frexpf:ffp frexpl:eep modf:ddp modff:ffp modfl:eep
scalbn:ddi scalbnf:ffi scalbnl:eei ilogb:id logb:dd
lround:ld llround:qd lrint:ld llrint:qd lroundf:lf lrintf:lf llroundf:qf
cabs:dC cabsf:fB cabsl:eD conj:CC conjf:BB conjl:DD creal:dC crealf:fB creall:eD
cimag:dC cimagf:fB cimagl:eD carg:dC cexp:CC csqrt:CC cpow:CCC cpowf:BBB cpowl:DDD
atoi:iS atol:lS atoll:qS strtol:lSpi strtoul:LSpi strtoll:qSpi strtoull:QSpi
strtod:dSp strtof:fSp strtold:eSp
"""

_GNU = """
expect:lll expect_with_probability:llld unreachable:v trap:v
return_address:pu frame_address:pu extract_return_addr:pp
clz:iu clzl:iL clzll:iQ ctz:iu ctzl:iL ctzll:iQ popcount:iu popcountl:iL
popcountll:iQ parity:iu parityl:iL parityll:iQ clrsb:ii clrsbl:il clrsbll:iq
bswap16:hh bswap32:yy bswap64:YY bswap128:II
prefetch:vPE assume_aligned:pPzE object_size:zPi dynamic_object_size:zPi
setjmp:ip longjmp:vpi saveregs:p apply_args:p apply:ppPz return:vp
next_arg:p classify_type:iE clear_cache:vpp speculation_safe_value:ppE
LINE:i FILE:S FUNCTION:S huge_valq:e infq:e nanq:eS fabsq:ee copysignq:eee
memcpy_chk:ppPzz memmove_chk:ppPzz memset_chk:ppizz strcpy_chk:ssSz
strncpy_chk:ssSzz stpcpy_chk:ssSz strcat_chk:ssSz strncat_chk:ssSzz
sprintf_chk:isizSE snprintf_chk:iszizSE vsprintf_chk:isizSV vsnprintf_chk:iszizSV
printf_chk:iiSE fprintf_chk:iFiSE vprintf_chk:iiSV vfprintf_chk:iFiSV
va_end:vp va_copy:vpp va_start:vpE c23_va_start:vpE
"""


def _parse(table: str) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for item in table.split():
        name, sig = item.split(":")
        out[name] = sig
    return out


LIBC_SIGS = _parse(_LIBC)
GNU_SIGS = _parse(_GNU)


def _code_type(ts: TypeTable, c: str) -> Type:
    if c in "CBD":
        return FloatType({"C": "double", "B": "float", "D": "long double"}[c], True)
    return {
        "v": ts.void, "i": ts.int_, "u": ts.uint, "l": ts.long, "L": ts.ulong,
        "q": ts.llong, "Q": ts.ullong, "z": ts.size_t, "Z": ts.long, "f": ts.float_,
        "d": ts.double, "e": ts.ldouble, "b": ts.bool_, "c": ts.char, "p": ts.voidp,
        "P": PointerType(ts.void.qualified(CONST)), "s": ts.charp,
        "S": PointerType(ts.char.qualified(CONST)), "F": ts.voidp, "I": ts.uint128,
        "W": ts.uint, "V": ts.voidp, "h": ts.ushort, "y": ts.uint, "Y": ts.ulong,
    }[c]


def sig_type(ts: TypeTable, sig: str) -> FuncType:
    variadic = sig.endswith("E")
    if variadic:
        sig = sig[:-1]
    params: List[Type] = [_code_type(ts, c) for c in sig[1:]]
    return FuncType(_code_type(ts, sig[0]), params, variadic)


def builtin_type(ts: TypeTable, name: str) -> Optional[FuncType]:
    """The function type of a builtin or of a library function gcc knows as
    a builtin, or None."""
    if name.startswith("__builtin_"):
        short = name[len("__builtin_"):]
        sig = GNU_SIGS.get(short) or LIBC_SIGS.get(short)
        if sig is None:
            return None
        return sig_type(ts, sig)
    sig = LIBC_SIGS.get(name)
    return sig_type(ts, sig) if sig is not None else None
