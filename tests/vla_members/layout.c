/* Variably modified structs: offsets after a VLA member, alignment,
   sizeof, packed, aligned, unions, typedefs evaluated where declared. */
#include <stdio.h>
#include <stddef.h>

#define OFF(s, m) ((long)((char *)&(s).m - (char *)&(s)))

static void members(int n, int m)
{
    struct S { char a[n]; double d; short s[m]; int tail; } x;
    printf("S n=%d m=%d size=%lu d=%ld s=%ld tail=%ld sa=%lu ss=%lu\n", n, m,
           (unsigned long)sizeof x, OFF(x, d), OFF(x, s), OFF(x, tail),
           (unsigned long)sizeof x.a, (unsigned long)sizeof x.s);
    for (int i = 0; i < n; i++)
        x.a[i] = (char)('a' + i % 26);
    x.d = n * 1.5;
    for (int i = 0; i < m; i++)
        x.s[i] = (short)(i * 3);
    x.tail = n * 100 + m;
    long sum = 0;
    for (int i = 0; i < n; i++)
        sum += x.a[i];
    for (int i = 0; i < m; i++)
        sum += x.s[i];
    printf("  sum=%ld d=%g tail=%d offsetof %lu %lu %lu\n", sum, x.d, x.tail,
           (unsigned long)offsetof(struct S, tail), (unsigned long)offsetof(struct S, s[1]),
           (unsigned long)offsetof(struct S, a[2]));
}

static void before_and_after(int n)
{
    struct T { int lead; char c; long a[n]; char after; } t;
    t.lead = 7;
    t.c = 'c';
    for (int i = 0; i < n; i++)
        t.a[i] = i * 1000L;
    t.after = 'z';
    printf("T n=%d size=%lu lead=%ld c=%ld a=%ld after=%ld: %d %c %ld %c\n", n,
           (unsigned long)sizeof(struct T), OFF(t, lead), OFF(t, c), OFF(t, a),
           OFF(t, after), t.lead, t.c, n ? t.a[n - 1] : -1L, t.after);
}

static int tag_only(int n)
{
    struct P { char b[n]; int i; } __attribute__((packed));
    struct Q { char b[n]; int i; };
    n += 10;   /* the sizes were fixed where the types were declared */
    return (int)(sizeof(struct P) * 1000 + sizeof(struct Q));
}

static unsigned long typedefs(int n)
{
    typedef struct { int c[n + 2]; } C;
    n = 1;
    C v;
    v.c[0] = 5;
    return sizeof(C) + sizeof v + (unsigned long)v.c[0];
}

static void unions(int n)
{
    union U { char a[n]; int i; short s[n]; } u;
    u.i = 0;
    for (int k = 0; k < n; k++)
        u.s[k] = (short)k;
    printf("U n=%d size=%lu i=%d\n", n, (unsigned long)sizeof u, n > 1 ? u.i : -1);
}

static void aligned_member(int n)
{
    struct A { __attribute__((aligned(16))) struct E { short c; } a[n]; int b[n]; char z; } s;
    for (int i = 0; i < n; i++) {
        s.a[i].c = (short)(0x1234 + i);
        s.b[i] = -i;
    }
    s.z = 'q';
    long bad = 0;
    for (int i = 0; i < n; i++)
        bad += s.a[i].c != 0x1234 + i || s.b[i] != -i;
    printf("A n=%d size=%lu b=%ld z=%ld bad=%ld %c align=%lu\n", n, (unsigned long)sizeof s,
           OFF(s, b), OFF(s, z), bad, s.z, (unsigned long)_Alignof(struct A));
}

static void bitfields(int n)
{
    /* at a variable offset gcc places bit-fields without the unit rule */
    struct B { char a[n]; unsigned b : 31; unsigned c : 2; char d; int e : 5;
               _Alignas(8) char f; short g : 9; } s;
    struct P { int a[n]; unsigned b : 1; int i2; }
        __attribute__((packed)) __attribute__((aligned(4))) p;
    unsigned char *raw = (unsigned char *)&s;
    for (unsigned long i = 0; i < sizeof s; i++)
        raw[i] = 0;
    s.b = 0x12345678;
    s.c = 3;
    s.d = 'd';
    s.e = -5;
    s.f = 'f';
    s.g = -200;
    p.b = 1;
    p.i2 = 77;
    printf("B n=%d size=%lu d=%ld f=%ld: %x %u %c %d %c %d |", n, (unsigned long)sizeof s,
           OFF(s, d), OFF(s, f), s.b, s.c, s.d, s.e, s.f, s.g);
    for (unsigned long i = n; i < sizeof s; i++)
        printf(" %02x", raw[i]);
    printf("\n  P size=%lu i2=%ld %u %d\n", (unsigned long)sizeof p, OFF(p, i2), p.b, p.i2);
}

int main(void)
{
    int ns[] = {0, 1, 3, 8, 13};
    for (int i = 0; i < 5; i++) {
        members(ns[i], ns[4 - i]);
        before_and_after(ns[i]);
        printf("tag_only=%d typedefs=%lu\n", tag_only(ns[i]), typedefs(ns[i]));
        unions(ns[i]);
        aligned_member(ns[i] + 1);
        bitfields(ns[i] + i);
    }
    return 0;
}
