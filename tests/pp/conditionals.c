/* #if arithmetic with C's rules, defined, and nesting. */
#if -1 < 0u
wrong_unsigned_compare
#else
unsigned_ok
#endif
#if (2 || 1/0) && !(0 && 1/0)
short_circuit_ok
#endif
#if 0x7fffffffffffffff + 0 > 0 && -1 >> 63 == -1 && (1 ? -1 : 0u) > 0
arith_ok
#endif
#if 'a' == 97 && '\377' < 0 && '\n' == 10 && L'\xffff' == 65535
char_ok
#endif
#define DEF defined(DEF)
#if DEF
defined_in_macro_ok
#endif
#ifdef __has_include
has_include_macro
#endif
#if __has_include(<stdio.h>) && !__has_include("no/such/file.h")
has_include_ok
#endif
#if defined X || defined(Y) || undefined_ident
no
#elif 1
#  if 0
#    error not reached
#  elif 0
no
#  else
nested_else_ok
#  endif
#else
no
#endif
#if __STDC_VERSION__ >= 201710L && __GNUC__ >= 12 && __x86_64__ + 0 == 1
versions_ok
#endif
#if 10 % 3 == 1 && -7 / 2 == -3 && -7 % 2 == -1 && (1 << 63) < 0 && ~0u == 0xffffffff
more_arith
#endif
#if (0, 1)
comma_ok
#endif
