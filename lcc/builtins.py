"""The `__builtin_*` functions lcc knows, shared by the preprocessor
(`__has_builtin`) and semantic analysis (which gives them their types).

Sema owns the signatures (lcc/sema/); this module holds only the names so
that the preprocessor does not import sema.
"""
from __future__ import annotations

from typing import FrozenSet

_LIBC_LIKE = """
abort abs labs llabs exit _exit memcpy memmove memset memcmp memchr strcpy strncpy
strcat strncat strcmp strncmp strlen strchr strrchr strstr strdup strndup printf
sprintf snprintf fprintf vprintf vsprintf vsnprintf vfprintf puts putchar fputs
fputc malloc calloc realloc free alloca bcmp bzero bcopy index rindex stpcpy
isdigit isalpha isspace toupper tolower fabs fabsf fabsl sqrt sqrtf sqrtl floor
floorf floorl ceil ceilf ceill trunc truncf truncl round roundf roundl copysign
copysignf copysignl fmod fmodf fmodl pow powf powl exp expf expl log logf logl
sin sinf sinl cos cosf cosl nan nanf nanl nans nansf nansl inf inff infl
huge_val huge_valf huge_vall fmax fmin fmaxf fminf fmaxl fminl ldexp ldexpf
ldexpl frexp scalbn signbit signbitf signbitl lround llround lrint llrint
cabs cabsf cabsl conj conjf conjl creal crealf creall cimag cimagf cimagl
""".split()

_GNU = """
va_start va_end va_copy va_arg va_list c23_va_start next_arg saveregs apply
apply_args return expect expect_with_probability constant_p types_compatible_p
choose_expr offsetof unreachable trap return_address frame_address
extract_return_addr clz clzl clzll ctz ctzl ctzll popcount popcountl popcountll
parity parityl parityll ffs ffsl ffsll clrsb clrsbl clrsbll bswap16 bswap32
bswap64 bswap128 add_overflow sub_overflow mul_overflow sadd_overflow
saddl_overflow saddll_overflow uadd_overflow uaddl_overflow uaddll_overflow
ssub_overflow ssubl_overflow ssubll_overflow usub_overflow usubl_overflow
usubll_overflow smul_overflow smull_overflow smulll_overflow umul_overflow
umull_overflow umulll_overflow add_overflow_p sub_overflow_p mul_overflow_p
isinf isinff isinfl isinf_sign isnan isnanf isnanl isfinite isnormal
fpclassify isgreater isgreaterequal isless islessequal islessgreater
isunordered object_size dynamic_object_size prefetch assume_aligned
setjmp longjmp classify_type memcpy_chk memmove_chk memset_chk strcpy_chk
strncpy_chk stpcpy_chk strcat_chk strncat_chk sprintf_chk snprintf_chk
vsprintf_chk vsnprintf_chk printf_chk fprintf_chk vprintf_chk vfprintf_chk
shuffle shufflevector convertvector speculation_safe_value
complex LINE FILE FUNCTION clear_cache
""".split()

BUILTIN_NAMES: FrozenSet[str] = frozenset(
    ["__builtin_" + n for n in _LIBC_LIKE + _GNU]
    + ["__sync_synchronize", "__sync_fetch_and_add", "__sync_fetch_and_sub",
       "__sync_fetch_and_or", "__sync_fetch_and_and", "__sync_fetch_and_xor",
       "__sync_fetch_and_nand", "__sync_add_and_fetch", "__sync_sub_and_fetch",
       "__sync_or_and_fetch", "__sync_and_and_fetch", "__sync_xor_and_fetch",
       "__sync_nand_and_fetch", "__sync_bool_compare_and_swap",
       "__sync_val_compare_and_swap", "__sync_lock_test_and_set", "__sync_lock_release",
       "__atomic_load_n", "__atomic_load", "__atomic_store_n", "__atomic_store",
       "__atomic_exchange_n", "__atomic_exchange", "__atomic_compare_exchange_n",
       "__atomic_compare_exchange", "__atomic_add_fetch", "__atomic_sub_fetch",
       "__atomic_and_fetch", "__atomic_or_fetch", "__atomic_xor_fetch",
       "__atomic_nand_fetch", "__atomic_fetch_add", "__atomic_fetch_sub",
       "__atomic_fetch_and", "__atomic_fetch_or", "__atomic_fetch_xor",
       "__atomic_fetch_nand", "__atomic_test_and_set", "__atomic_clear",
       "__atomic_thread_fence", "__atomic_signal_fence", "__atomic_always_lock_free",
       "__atomic_is_lock_free"])


def is_builtin(name: str) -> bool:
    return name in BUILTIN_NAMES
