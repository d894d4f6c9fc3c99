/* Lowering end to end: structs and unions by value, struct results,
   compound literals, initializers, pointer arithmetic, strings, calls. */
int printf(const char *, ...);
int strcmp(const char *, const char *);

struct P { int x, y; };
struct Big { long a[5]; char tag; };
union U { int i; float f; unsigned char b[4]; };

static struct P mk(int x, int y) { struct P p = { x, y }; return p; }
static struct Big mkbig(int n) {
    struct Big b = { { n, n + 1, n + 2 }, 'q' };
    b.a[4] = n * 10;
    return b;
}
static long sumbig(struct Big b) { return b.a[0] + b.a[1] + b.a[2] + b.a[3] + b.a[4] + b.tag; }
static struct P addp(struct P a, struct P b) { a.x += b.x; a.y += b.y; return a; }
static int count(const char *s) { int n = 0; while (*s++) n++; return n; }
static int apply(int (*f)(const char *), const char *s) { return f(s) * 2; }

int main(void) {
    struct P a = mk(1, 2), b = { .y = 7 }, c;
    struct P arr[3] = { [2] = { 5, 6 }, [0].y = 9 };
    struct Big big = mkbig(3);
    union U u;
    char s[10] = "hi";
    int m[2][3] = { { 1, 2, 3 }, { 4 } };
    int *q = &m[0][0], *r = &m[1][2];
    c = addp(a, b);
    printf("%d %d %d %d\n", c.x, c.y, mk(4, 5).y, addp(mk(1, 1), c).x);
    printf("%d %d %d %d\n", arr[0].x, arr[0].y, arr[2].x, arr[1].y);
    printf("%ld %ld %d\n", sumbig(big), mkbig(7).a[4], mkbig(1).tag);
    u.f = 1.0f;
    printf("%x %d\n", u.i, u.b[3]);
    printf("%s %d %d %d\n", s, (int)sizeof s, s[5], count("hello"));
    printf("%d %ld %d\n", m[1][0] + m[1][1], (long)(r - q), *(q + 4));
    printf("%d %d\n", ((struct P){ 3, 4 }).y, (int[]){ 7, 8, 9 }[2]);
    printf("%d %d\n", apply(count, "abcd"), strcmp(__func__, "main"));
    a = b = c;
    printf("%d %d\n", a.x, b.y);
    return 0;
}
