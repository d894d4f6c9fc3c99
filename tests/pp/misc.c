/* Function-like names without arguments, across lines, digraphs,
   __COUNTER__, _Pragma, #line, null directives. */
#define f(x) (x + 1)
#define g f
f
(2) g (3) f;
int f = 1;
#define LPAREN (
f LPAREN 4);
%: define DIG <: :> <% %>
DIG
#
__COUNTER__ __COUNTER__ __COUNTER__
#define DO_PRAGMA(x) _Pragma (#x)
DO_PRAGMA(pack(push, 1))
struct s { char c; };
_Pragma("pack(pop)")
#pragma weak foo
#line 100 "renamed.c"
__LINE__ __FILE__
#line 7
__LINE__
#define EMPTY
#define LINE __LINE__
EMPTY # define not_a_directive
LINE
#define str(x) #x
#define xstr(x) str(x)
xstr(__FILE__)
#ifdef __DATE__
date_defined
#endif
int __INCLUDE_LEVEL__x = __INCLUDE_LEVEL__;
