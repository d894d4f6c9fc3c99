/* Self-reference inside arguments must stay painted blue (SQLite). */
#define GLOBAL(t, v) (*(t*)&v##_g)
#define vfsList GLOBAL(sqlite3_vfs *, vfsList)
vfsList = 0;
#define foo foo
foo;
#define a b
#define b a
a b;
#define f(x) x g
#define g f
f(1)(2)(3);
#define AA BB
#define BB AA
#define CALL(x) x
CALL(AA) CALL(CALL(BB));
#define obj(x) obj
obj(1)(2);
