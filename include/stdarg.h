/* lcc's <stdarg.h> (C11 7.16). va_list is the compiler's own type;
 * glibc's <stdio.h> asks for just __gnuc_va_list with __need___va_list. */
#ifndef __GNUC_VA_LIST
#define __GNUC_VA_LIST
typedef __builtin_va_list __gnuc_va_list;
#endif

#ifdef __need___va_list
#undef __need___va_list
#else
#ifndef _LCC_STDARG_H
#define _LCC_STDARG_H
#define _STDARG_H
#define _ANSI_STDARG_H_
#define va_start(v, l) __builtin_va_start(v, l)
#define va_end(v) __builtin_va_end(v)
#define va_arg(v, l) __builtin_va_arg(v, l)
#if !defined(__STRICT_ANSI__) || __STDC_VERSION__ + 0 >= 199900L
#define va_copy(d, s) __builtin_va_copy(d, s)
#endif
#define __va_copy(d, s) __builtin_va_copy(d, s)
/* glibc's <stdio.h> may have defined va_list already and said so with
 * _VA_LIST_DEFINED; the other names are the ones other systems' headers
 * use. Define it once, and record that it is. */
#if !defined(_VA_LIST_) && !defined(_VA_LIST_DEFINED) && !defined(_VA_LIST) \
    && !defined(_VA_LIST_T_H) && !defined(__va_list__)
typedef __gnuc_va_list va_list;
#endif
#define _VA_LIST_
#define _VA_LIST
#define _VA_LIST_DEFINED
#define _VA_LIST_T_H
#define __va_list__
#endif
#endif
