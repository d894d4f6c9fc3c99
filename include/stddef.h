/* lcc's <stddef.h> (C11 7.19), for x86_64, aarch64 and riscv64.
 *
 * glibc's headers ask for single definitions by defining __need_size_t,
 * __need_NULL, __need_wchar_t, __need_ptrdiff_t, __need_wint_t or
 * __need_max_align_t before including this file; then only those are
 * defined (and the request is undone). Without any request, everything is.
 */
#if !defined(__need_size_t) && !defined(__need_NULL) && !defined(__need_wchar_t) \
    && !defined(__need_ptrdiff_t) && !defined(__need_wint_t) \
    && !defined(__need_max_align_t)
#ifndef _LCC_STDDEF_H
#define _LCC_STDDEF_H
/* The guard names glibc and other headers test for "stddef.h was seen". */
#define _STDDEF_H
#define _STDDEF_H_
#define _ANSI_STDDEF_H
#define __need_size_t
#define __need_NULL
#define __need_wchar_t
#define __need_ptrdiff_t
#define __need_max_align_t
#define offsetof(TYPE, MEMBER) __builtin_offsetof (TYPE, MEMBER)
#endif
#endif

/* In gcc's order, so that -E output matches token for token. */
#ifdef __need_ptrdiff_t
#ifndef _LCC_PTRDIFF_T
#define _LCC_PTRDIFF_T
#define _PTRDIFF_T
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif
#undef __need_ptrdiff_t
#endif

#ifdef __need_size_t
#ifndef _LCC_SIZE_T
#define _LCC_SIZE_T
#define __size_t__
#define _SIZE_T
#define __SIZE_T
typedef __SIZE_TYPE__ size_t;
#endif
#undef __need_size_t
#endif

#ifdef __need_wchar_t
#ifndef _LCC_WCHAR_T
#define _LCC_WCHAR_T
#define _WCHAR_T
#define __WCHAR_T
typedef __WCHAR_TYPE__ wchar_t;
#endif
#undef __need_wchar_t
#endif

#ifdef __need_wint_t
#ifndef _LCC_WINT_T
#define _LCC_WINT_T
#define _WINT_T
typedef __WINT_TYPE__ wint_t;
#endif
#undef __need_wint_t
#endif

#ifdef __need_NULL
#undef NULL
#define NULL ((void *)0)
#undef __need_NULL
#endif

#ifdef __need_max_align_t
#if !defined(_LCC_MAX_ALIGN_T) && (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L \
    || !defined(__STRICT_ANSI__))
#define _LCC_MAX_ALIGN_T
#define _GCC_MAX_ALIGN_T
typedef struct {
  long long __max_align_ll __attribute__((__aligned__(__alignof__(long long))));
  long double __max_align_ld __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#endif
#undef __need_max_align_t
#endif
