#include <stdio.h>
#include <string.h>
#include <stdlib.h>
typedef size_t (*lenfn)(const char *);
static lenfn table[] = { strlen, strlen };
int (*const ctab[])(const char *) = { puts, atoi };
static const char *names[] = { "alpha", "beta", "gamma" };
struct op { const char *name; int (*fn)(const char *); } ops[] = { {"puts", puts}, {"atoi", atoi} };
static int local(const char *s) { return (int)strlen(s) * 2; }
int (*lp)(const char *) = local;
int main(void) {
    printf("%zu %zu\n", table[0]("hello"), table[1](names[2]));
    ctab[0](names[0]);
    printf("%d %d\n", ctab[1]("42"), ops[1].fn("17"));
    printf("%d %d\n", lp("abc"), ops[0].fn == puts);
    printf("%d\n", (void *)table[0] == (void *)strlen);
    return 0;
}
