/* Variadic macros, __VA_OPT__, GNU comma elision and named variadics. */
#define e(fmt, ...) f(fmt, ## __VA_ARGS__)
#define X 1
e(a) e(a,X) e(a,b,c) e(a,)
#define g(x, ...) h(x __VA_OPT__(,) __VA_ARGS__)
#define EMPTY
g(1) g(1,EMPTY) g(1,2) g(1, 2, 3)
#define gn(args...) k(args)
gn() gn(1) gn(1, 2)
#define cnt(...) __VA_OPT__(x ## __VA_ARGS__ ## y)
cnt() cnt(a) cnt(a b)
#define F(a, ...) #__VA_ARGS__ a
F(1) F(1, 2,3 ,  4)
#define SDEF(sname, ...) S sname __VA_OPT__(= { __VA_ARGS__ })
SDEF(foo); SDEF(bar, 1, 2);
