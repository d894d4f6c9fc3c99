/* Line markers in the input (as in a .i file) and #line with macros. */
# 1 "original.c"
# 1 "<built-in>" 1
# 1 "original.c" 2
int a = __LINE__; const char *f = __FILE__;
# 40 "other.h" 1 3 4
int b = __LINE__; const char *g = __FILE__;
# 7 "original.c" 2
int c = __LINE__;
#define L 500
#define F "macro.c"
#line L F
int d = __LINE__; const char *h = __FILE__;
#line 20
int e = __LINE__;
