#include <stdio.h>
struct ent { const char *name; int v; };
#define REG(n, val) static const struct ent ent_##n __attribute__((used, section("myents"), aligned(8))) = { #n, val }
REG(a, 1); REG(b, 2); REG(c, 3);
extern const struct ent __start_myents[], __stop_myents[];
__attribute__((section("hot_text"))) int hot(int x) { return x * 3; }
int counter __attribute__((section("mydata"))) = 42;
__thread char tbig[64] __attribute__((aligned(64)));
__thread int tsmall = 3;
static char bigbss[1 << 16] __attribute__((aligned(4096)));
int main(void) {
    for (const struct ent *e = __start_myents; e < __stop_myents; e++) printf("%s=%d\n", e->name, e->v);
    tbig[5] = 9; bigbss[100] = 1;
    printf("%d %d %d %d %d\n", hot(4), counter, tbig[5], tsmall, ((unsigned long)tbig & 63) == 0);
    printf("%d\n", ((unsigned long)bigbss & 4095) == 0);
    return 0;
}
