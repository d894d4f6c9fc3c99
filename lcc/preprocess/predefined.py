"""The macros lcc predefines for each target, matching gcc 12.

glibc's headers choose their paths by these macros (__GNUC__, __x86_64__,
__SIZEOF_INT128__, __LDBL_MANT_DIG__, ...), so lcc must predefine what gcc
predefines for the same target. The table is built from a few facts per
target (integer model, float formats, architecture macros) rather than
pasted from `gcc -dM -E`; tests/test_preprocess_predefined.py compares the
result with that dump and lists the accepted differences.
"""
from __future__ import annotations

from decimal import Decimal, getcontext
from typing import Optional, Dict, List, Tuple

from lcc.target import Target

# (mantissa digits, min exponent, max exponent) of the binary formats.
_FORMATS: Dict[str, Tuple[int, int, int]] = {
    "binary16": (11, -13, 16),
    "binary32": (24, -125, 128),
    "binary64": (53, -1021, 1024),
    "x87": (64, -16381, 16384),
    "binary128": (113, -16381, 16384),
}


def _sci(x: Decimal) -> str:
    """A value with 36 significant digits, as gcc prints float limits."""
    s = format(x, ".35e")
    mant, exp = s.split("e")
    return f"{mant}e{int(exp):+d}"


def _float_macros(prefix: str, fmt: str, suffix: str, cast: str = "") -> Dict[str, str]:
    """__FLT_MAX__ and friends for one floating type, computed from its format."""
    getcontext().prec = 80
    p, emin, emax = _FORMATS[fmt]
    two = Decimal(2)
    fmax = (two - two ** (1 - p)) * two ** (emax - 1)
    fmin = two ** (emin - 1)
    eps = two ** (1 - p)
    denorm = two ** (emin - p)
    log2 = Decimal(2).log10()
    dig = int((p - 1) * log2)
    decimal_dig = int((p * log2).to_integral_value(rounding="ROUND_CEILING")) + 1
    max10 = int(fmax.log10())
    min10 = int(fmin.log10().to_integral_value(rounding="ROUND_CEILING"))

    def val(x: Decimal) -> str:
        text = _sci(x) + suffix
        return f"(({cast}){text})" if cast else text

    return {
        f"{prefix}_MANT_DIG__": str(p),
        f"{prefix}_DIG__": str(dig),
        f"{prefix}_MIN_EXP__": f"({emin})",
        f"{prefix}_MIN_10_EXP__": f"({min10})",
        f"{prefix}_MAX_EXP__": str(emax),
        f"{prefix}_MAX_10_EXP__": str(max10),
        f"{prefix}_DECIMAL_DIG__": str(decimal_dig),
        f"{prefix}_MAX__": val(fmax),
        f"{prefix}_NORM_MAX__": val(fmax),
        f"{prefix}_MIN__": val(fmin),
        f"{prefix}_EPSILON__": val(eps),
        f"{prefix}_DENORM_MIN__": val(denorm),
        f"{prefix}_HAS_DENORM__": "1",
        f"{prefix}_HAS_INFINITY__": "1",
        f"{prefix}_HAS_QUIET_NAN__": "1",
        f"{prefix}_IS_IEC_60559__": "2",
    }


# Integer types of the LP64 targets: macro stem -> (C type, bits, signed).
_INT_TYPES: List[Tuple[str, str, int, bool]] = [
    ("INT8", "signed char", 8, True), ("INT16", "short int", 16, True),
    ("INT32", "int", 32, True), ("INT64", "long int", 64, True),
    ("UINT8", "unsigned char", 8, False), ("UINT16", "short unsigned int", 16, False),
    ("UINT32", "unsigned int", 32, False), ("UINT64", "long unsigned int", 64, False),
]
_SUFFIX = {("int", True): "", ("int", False): "U", ("long int", True): "L",
           ("long unsigned int", False): "UL"}


def _max_literal(bits: int, signed: bool, ctype: str) -> str:
    value = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    # Types narrower than int are written without a suffix, as gcc does.
    suffix = {"int": "", "unsigned int": "U", "long int": "L",
              "long unsigned int": "UL", "long long int": "LL"}.get(ctype, "")
    return hex(value) + suffix


def _int_macros(target: Target) -> Dict[str, str]:
    d: Dict[str, str] = {}
    by_bits = {(bits, signed): (stem, ctype) for stem, ctype, bits, signed in _INT_TYPES}
    for stem, ctype, bits, signed in _INT_TYPES:
        d[f"__{stem}_TYPE__"] = ctype
        d[f"__{stem}_MAX__"] = _max_literal(bits, signed, ctype)
        suf = {"int": "", "unsigned int": "U", "long int": "L",
               "long unsigned int": "UL"}.get(ctype, "")
        d[f"__{stem}_C(c)"] = f"c ## {suf}" if suf else "c"
    for kind in ("LEAST", "FAST"):
        for bits in (8, 16, 32, 64):
            # The fast types wider than a byte are 64-bit on these targets.
            real = bits if kind == "LEAST" or bits == 8 else 64
            for signed, pre in ((True, "INT"), (False, "UINT")):
                _, ctype = by_bits[(real, signed)]
                d[f"__{pre}_{kind}{bits}_TYPE__"] = ctype
                d[f"__{pre}_{kind}{bits}_MAX__"] = _max_literal(real, signed, ctype)
                if signed:
                    d[f"__INT_{kind}{bits}_WIDTH__"] = str(real)
    for name, ctype, signed in (("INTMAX", "long int", True),
                                ("UINTMAX", "long unsigned int", False),
                                ("INTPTR", "long int", True),
                                ("UINTPTR", "long unsigned int", False)):
        d[f"__{name}_TYPE__"] = ctype
        d[f"__{name}_MAX__"] = _max_literal(64, signed, ctype)
    d["__INTMAX_C(c)"] = "c ## L"
    d["__UINTMAX_C(c)"] = "c ## UL"
    d["__INTMAX_WIDTH__"] = d["__INTPTR_WIDTH__"] = "64"
    d.update({
        "__SCHAR_MAX__": "0x7f", "__SHRT_MAX__": "0x7fff", "__INT_MAX__": "0x7fffffff",
        "__LONG_MAX__": "0x7fffffffffffffffL", "__LONG_LONG_MAX__": "0x7fffffffffffffffLL",
        "__SCHAR_WIDTH__": "8", "__SHRT_WIDTH__": "16", "__INT_WIDTH__": "32",
        "__LONG_WIDTH__": "64", "__LONG_LONG_WIDTH__": "64",
        "__PTRDIFF_TYPE__": "long int", "__PTRDIFF_MAX__": "0x7fffffffffffffffL",
        "__PTRDIFF_WIDTH__": "64",
        "__SIZE_TYPE__": "long unsigned int", "__SIZE_MAX__": "0xffffffffffffffffUL",
        "__SIZE_WIDTH__": "64",
        "__SIG_ATOMIC_TYPE__": "int", "__SIG_ATOMIC_MAX__": "0x7fffffff",
        "__SIG_ATOMIC_MIN__": "(-__SIG_ATOMIC_MAX__ - 1)", "__SIG_ATOMIC_WIDTH__": "32",
        "__WINT_TYPE__": "unsigned int", "__WINT_MAX__": "0xffffffffU", "__WINT_MIN__": "0U",
        "__WINT_WIDTH__": "32",
        "__CHAR16_TYPE__": "short unsigned int", "__CHAR32_TYPE__": "unsigned int",
        "__WCHAR_WIDTH__": "32",
    })
    if target.wchar == "int":
        d["__WCHAR_TYPE__"] = "int"
        d["__WCHAR_MAX__"] = "0x7fffffff"
        d["__WCHAR_MIN__"] = "(-__WCHAR_MAX__ - 1)"
    else:
        d["__WCHAR_TYPE__"] = "unsigned int"
        d["__WCHAR_MAX__"] = "0xffffffffU"
        d["__WCHAR_MIN__"] = "0U"
    for name, size in (("SHORT", 2), ("INT", 4), ("LONG", 8), ("LONG_LONG", 8), ("POINTER", 8),
                       ("FLOAT", 4), ("DOUBLE", 8), ("LONG_DOUBLE", 16), ("SIZE_T", 8),
                       ("PTRDIFF_T", 8), ("WCHAR_T", 4), ("WINT_T", 4), ("INT128", 16)):
        d[f"__SIZEOF_{name}__"] = str(size)
    return d


def _float_all(target: Target) -> Dict[str, str]:
    d: Dict[str, str] = {}
    ldbl = "x87" if target.ldbl_mant_dig == 64 else "binary128"
    d.update(_float_macros("__FLT", "binary32", "F"))
    d.update(_float_macros("__DBL", "binary64", "L", cast="double"))
    d.update(_float_macros("__LDBL", ldbl, "L"))
    if target.name != "riscv64":
        # gcc 12 has no _Float16 on RISC-V.
        d.update(_float_macros("__FLT16", "binary16", "F16"))
    d.update(_float_macros("__FLT32", "binary32", "F32"))
    d.update(_float_macros("__FLT64", "binary64", "F64"))
    d.update(_float_macros("__FLT128", "binary128", "F128"))
    d.update(_float_macros("__FLT32X", "binary64", "F32x"))
    d.update(_float_macros("__FLT64X", ldbl, "F64x"))
    d["__DECIMAL_DIG__"] = d["__LDBL_DECIMAL_DIG__"]
    d["__FLT_RADIX__"] = "2"
    d["__FLT_EVAL_METHOD__"] = "0"
    d["__FLT_EVAL_METHOD_TS_18661_3__"] = "0"
    return d


_COMMON = {
    "__STDC__": "1", "__STDC_HOSTED__": "1",
    "__GNUC__": "12", "__GNUC_MINOR__": "2", "__GNUC_PATCHLEVEL__": "0",
    "__VERSION__": '"12.2.0"', "__GNUC_STDC_INLINE__": "1",
    "__GNUC_EXECUTION_CHARSET_NAME": '"UTF-8"',
    "__GNUC_WIDE_EXECUTION_CHARSET_NAME": '"UTF-32LE"',
    "__CHAR_BIT__": "8", "__BIGGEST_ALIGNMENT__": "16",
    "__ORDER_LITTLE_ENDIAN__": "1234", "__ORDER_BIG_ENDIAN__": "4321",
    "__ORDER_PDP_ENDIAN__": "3412", "__BYTE_ORDER__": "__ORDER_LITTLE_ENDIAN__",
    "__FLOAT_WORD_ORDER__": "__ORDER_LITTLE_ENDIAN__",
    "__ATOMIC_RELAXED": "0", "__ATOMIC_CONSUME": "1", "__ATOMIC_ACQUIRE": "2",
    "__ATOMIC_RELEASE": "3", "__ATOMIC_ACQ_REL": "4", "__ATOMIC_SEQ_CST": "5",
    "__GCC_ATOMIC_TEST_AND_SET_TRUEVAL": "1",
    "__GCC_IEC_559": "2", "__GCC_IEC_559_COMPLEX": "2", "__GXX_ABI_VERSION": "1017",
    "__FINITE_MATH_ONLY__": "0", "__PRAGMA_REDEFINE_EXTNAME": "1",
    "__REGISTER_PREFIX__": "", "__USER_LABEL_PREFIX__": "", "__ELF__": "1",
    "__LP64__": "1", "_LP64": "1",
    "__linux": "1", "__linux__": "1", "__gnu_linux__": "1", "__unix": "1", "__unix__": "1",
    "linux": "1", "unix": "1",
    "__DEC_EVAL_METHOD__": "2",
}

# Architecture macros: what each target adds on top of the common set.
_ARCH: Dict[str, Dict[str, str]] = {
    "x86_64": {
        "__x86_64": "1", "__x86_64__": "1", "__amd64": "1", "__amd64__": "1",
        "__k8": "1", "__k8__": "1", "__code_model_small__": "1",
        "__MMX__": "1", "__SSE__": "1", "__SSE2__": "1", "__FXSR__": "1",
        "__SSE_MATH__": "1", "__SSE2_MATH__": "1", "__MMX_WITH_SSE__": "1",
        "__SEG_FS": "1", "__SEG_GS": "1", "__GCC_ASM_FLAG_OUTPUTS__": "1",
        "__SIZEOF_FLOAT80__": "16", "__SIZEOF_FLOAT128__": "16", "__ATOMIC_HLE_ACQUIRE": "65536",
        "__ATOMIC_HLE_RELEASE": "131072", "__GCC_DESTRUCTIVE_SIZE": "64",
    },
    "aarch64": {
        "__aarch64__": "1", "__AARCH64EL__": "1", "__AARCH64_CMODEL_SMALL__": "1",
        "__ARM_64BIT_STATE": "1", "__ARM_ARCH": "8", "__ARM_ARCH_8A": "1",
        "__ARM_ARCH_ISA_A64": "1", "__ARM_ARCH_PROFILE": "65", "__ARM_ALIGN_MAX_PWR": "28",
        "__ARM_ALIGN_MAX_STACK_PWR": "16", "__ARM_FEATURE_CLZ": "1",
        "__ARM_FEATURE_FMA": "1", "__ARM_FEATURE_IDIV": "1",
        "__ARM_FEATURE_NUMERIC_MAXMIN": "1", "__ARM_FEATURE_UNALIGNED": "1",
        "__ARM_FP": "14", "__ARM_FP16_ARGS": "1", "__ARM_FP16_FORMAT_IEEE": "1",
        "__ARM_NEON": "1", "__ARM_PCS_AAPCS64": "1", "__ARM_SIZEOF_MINIMAL_ENUM": "4",
        "__ARM_SIZEOF_WCHAR_T": "4", "__FLT_EVAL_METHOD_C99__": "0",
        "__GCC_DESTRUCTIVE_SIZE": "256", "__GCC_ASM_FLAG_OUTPUTS__": "1",
        "__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16": "1",
    },
    "riscv64": {
        "__riscv": "1", "__riscv_xlen": "64", "__riscv_flen": "64",
        "__riscv_a": "2001000", "__riscv_c": "2000000", "__riscv_d": "2002000",
        "__riscv_f": "2002000", "__riscv_i": "2001000", "__riscv_m": "2000000",
        "__riscv_zicsr": "2000000", "__riscv_zifencei": "2000000",
        "__riscv_arch_test": "1", "__riscv_atomic": "1", "__riscv_cmodel_medany": "1",
        "__riscv_cmodel_pic": "1", "__riscv_compressed": "1", "__riscv_div": "1",
        "__riscv_fdiv": "1", "__riscv_float_abi_double": "1", "__riscv_fsqrt": "1",
        "__riscv_mul": "1", "__riscv_muldiv": "1",
    },
}


def predefined_macros(target: Target, std_version: int, gnu: bool, optimize: int,
                      pic: int = 2, optimize_size: bool = False,
                      pie: Optional[int] = None,
                      gnu_inline: Optional[bool] = None) -> List[Tuple[str, str]]:
    """(name or name(params), body) pairs in definition order.

    pic, pie: the -fpic/-fPIC and -fpie/-fPIE levels (0 none, 1 small, 2
    large); pie None means "same as pic" (True is level 2). gnu_inline:
    -fgnu89-inline (None: only in C89)."""
    d: Dict[str, str] = dict(_COMMON)
    d.update(_int_macros(target))
    d.update(_float_all(target))
    d.update(_ARCH[target.name])
    # Lock-free atomics: RISC-V has no byte/halfword atomics in the base A
    # extension, so gcc reports them as "sometimes" lock-free (1).
    small = "1" if target.name == "riscv64" else "2"
    for name in ("BOOL", "CHAR", "SHORT", "CHAR16_T"):
        d[f"__GCC_ATOMIC_{name}_LOCK_FREE"] = small
    for name in ("CHAR32_T", "WCHAR_T", "INT", "LONG", "LLONG", "POINTER"):
        d[f"__GCC_ATOMIC_{name}_LOCK_FREE"] = "2"
    # RISC-V's A extension has no byte/halfword compare-and-swap.
    for n in ((4, 8) if target.name == "riscv64" else (1, 2, 4, 8)):
        d[f"__GCC_HAVE_SYNC_COMPARE_AND_SWAP_{n}"] = "1"
    if target.name != "riscv64":
        # gcc 12's RISC-V port defines none of these.
        d["__GCC_CONSTRUCTIVE_SIZE"] = "64"
        d["__GCC_HAVE_DWARF2_CFI_ASM"] = "1"
        d["__HAVE_SPECULATION_SAFE_VALUE"] = "1"
    if target.name != "x86_64":
        d["__CHAR_UNSIGNED__"] = "1"
        for f in ("", "F", "F32", "F64", "F32x"):
            d[f"__FP_FAST_FMA{f}"] = "1"
    if std_version:
        d["__STDC_VERSION__"] = f"{std_version}L"
    if gnu_inline or (gnu_inline is None and std_version == 0):
        # -fgnu89-inline, or C89, whose inline semantics are GNU's.
        del d["__GNUC_STDC_INLINE__"]
        d["__GNUC_GNU_INLINE__"] = "1"
    if (gnu and std_version) or std_version >= 201112:
        # char16_t/char32_t are UTF-16/32 from C11 on (and in GNU modes).
        d["__STDC_UTF_16__"] = d["__STDC_UTF_32__"] = "1"
    if not gnu:
        d["__STRICT_ANSI__"] = "1"
        for name in ("linux", "unix"):
            d.pop(name, None)
    if optimize > 0:
        d["__OPTIMIZE__"] = "1"
        if optimize_size:
            d["__OPTIMIZE_SIZE__"] = "1"
    else:
        d["__NO_INLINE__"] = "1"
    # Debian's gcc builds position-independent executables by default
    # (level 2, as -fPIE); -fpic/-fPIC define only the __pic__ pair.
    pic_level = 2 if pic is True else int(pic)
    pie_level = pic_level if pie is None else int(pie)
    if pic_level:
        for name in ("__pic__", "__PIC__"):
            d[name] = str(pic_level)
    if pie_level:
        for name in ("__pie__", "__PIE__"):
            d[name] = str(pie_level)
    return list(d.items())
