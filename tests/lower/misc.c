/* Lowering end to end: Duff's device, negative and char switch cases,
   2-D VLAs, ?: and statement expressions of struct type, function pointer
   tables, wide strings, packed bit-fields, unsigned comparisons, long
   double, nested functions. */
int printf(const char *, ...);
typedef int wchar_t;

struct Q { int a, b; };
struct __attribute__((packed)) PK { char c; unsigned int x : 20; int y : 12; long long z : 33; };

static int duff(int n) {
    int s = 0, k = (n + 3) / 4;
    switch (n % 4) {
    case 0: do { s += 1;
    case 3: s += 2;
    case 2: s += 3;
    case 1: s += 4; } while (--k > 0);
    }
    return s;
}

static int neg(int x) {
    switch (x) { case -3: return 1; case -2: return 2; case -1: return 3; case 0: return 4;
                 case 1: return 5; default: return 0; }
}

static int chr(signed char c) {
    switch (c) { case -128: return 1; case 'a': return 2; case 127: return 3; }
    return 0;
}

static int mat(int n, int m) {
    int a[n][m], i, j, s = 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++)
            a[i][j] = i * 10 + j;
    for (i = 0; i < n; i++) s += a[i][m - 1];
    return s + (int)(sizeof a / sizeof a[0]) + (int)sizeof a[0];
}

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int (*ops[])(int, int) = { add, sub };

static int outer(int n) {
    int acc = 0;
    int step(int k) { acc += k * n; return acc; }
    int i;
    for (i = 1; i <= 3; i++) step(i);
    return acc;
}

int main(void) {
    int i;
    struct Q p = { 1, 2 }, q = { 3, 4 }, r;
    struct PK pk = { 'x', 0xabcde, -100, -4000000000LL };
    wchar_t w[] = L"h\u00e9";
    unsigned u = 3;
    int sgn = -1;
    long double ld = 1.0L;
    for (i = 0; i < 9; i++) printf("%d ", duff(i));
    printf("\n");
    for (i = -4; i < 3; i++) printf("%d ", neg(i));
    printf("%d %d %d %d\n", chr(-128), chr('a'), chr(127), chr(5));
    printf("%d %d\n", mat(3, 4), mat(5, 2));
    r = u > 2 ? p : q;
    printf("%d %d\n", r.a, (sgn < 0 ? q : p).b);
    r = ({ struct Q t = q; t.a += 10; t; });
    printf("%d %d\n", r.a, ops[1](ops[0](5, 6), 3));
    printf("%d %d %d\n", w[0], w[1], (int)(sizeof w / sizeof w[0]));
    printf("%c %x %d %lld\n", pk.c, pk.x, pk.y, (long long)pk.z);
    pk.y += 50; pk.z *= 2; pk.x ^= 0xfffff;
    printf("%x %d %lld %d\n", pk.x, pk.y, (long long)pk.z, (int)sizeof pk);
    printf("%d %d %d\n", sgn < u, (unsigned)sgn > u, sgn < (int)u);
    for (i = 0; i < 70; i++) ld *= 2;
    printf("%.0Lf %d\n", ld, (int)(ld / 1e20L));
    printf("%d %d\n", outer(2), outer(5));
    return 0;
}
