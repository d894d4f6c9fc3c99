/* Lowering end to end: switch (tables, chains, ranges), loops, goto,
   computed goto, short-circuit values, ?:, statement expressions, VLAs. */
int printf(const char *, ...);

static int dense(int x) {
    switch (x) {
    case 0: return 10; case 1: return 11; case 2: case 3: return 23;
    case 5: x += 100; /* fall through */ case 6: return x; default: return -1;
    }
}

static const char *sparse(long x) {
    switch (x) { case -1000000: return "neg"; case 7: return "seven";
                 case 1L << 40: return "big"; case 'a' ... 'z': return "lower"; }
    return "other";
}

static unsigned char uswitch(unsigned char c) {
    switch (c) { case 200: return 1; case 201: return 2; case 202: return 3;
                 case 203: return 4; case 255: return 5; default: return 0; }
}

static int loops(int n) {
    int s = 0, i, j;
    for (i = 0; i < n; i++) {
        if (i == 3) continue;
        for (j = 0; ; j++) { if (j > i) break; s += j; }
    }
    i = 0;
    while (i < n) s ^= i++ << 2;
    do s -= n; while (--n > 0 && s > 10);
    return s;
}

static int jumps(int k) {
    static void *tab[] = { &&l0, &&l1, &&l2 };
    int r = 0;
    goto *tab[k % 3];
l0: r += 1;
l1: r += 10;
l2: r += 100;
    if (k > 0) { k -= 4; goto again; }
    return r;
again:
    return r + jumps(k < 0 ? 0 : k);
}

static int vla(int n) {
    int a[n], i, s = 0;
    int (*p)[n] = &a;
    for (i = 0; i < n; i++) a[i] = i * i;
    for (i = 0; i < n; i++) s += (*p)[i];
    return s + (int)sizeof a + (int)sizeof *p;
}

static int side = 0;
static int bump(int v) { side++; return v; }

int main(void) {
    int i, x = 5, y = 0;
    for (i = -1; i < 9; i++) printf("%d ", dense(i));
    printf("\n%s %s %s %s %s\n", sparse(-1000000), sparse(7), sparse(1L << 40), sparse('q'),
           sparse(0));
    printf("%d %d %d %d\n", uswitch(200), uswitch(203), uswitch(255), uswitch(7));
    printf("%d %d\n", loops(6), loops(1));
    printf("%d %d %d\n", jumps(0), jumps(1), jumps(5));
    printf("%d %d\n", vla(4), vla(10));
    printf("%d %d %d %d\n", x && y, x || bump(1), y && bump(2), !x);
    printf("%d %d\n", x > y ? x : y, (y ?: x) + (x ?: 99));
    printf("%d %d\n", ({ int t = x * 2; t + 1; }), side);
    printf("%d\n", (x, y, bump(3)) + side);
    return 0;
}
