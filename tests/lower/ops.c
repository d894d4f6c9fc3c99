/* Lowering end to end: integer/float arithmetic, conversions, bit-fields,
   ++/-- on every kind of lvalue, compound assignment converting back. */
int printf(const char *, ...);

struct B { int a : 3; unsigned b : 5; long long c : 40; unsigned long long d : 41;
           _Bool e : 1; signed char f; } gb;

static unsigned char uc = 250;
static signed char sc = -3;
static short ss = -300;
static unsigned short us = 65530;

int main(void) {
    struct B b = { -2, 17, -5, 3, 1, -7 };
    int i = 7, *p = &i;
    long l = -123456789012L;
    unsigned u = 4000000000u;
    double d = 2.75;
    float f = -1.5f;
    long double ld = 10.25L;
    _Bool z = 5;
    char c = 'A';
    printf("%d %u %lld %llu %d %d\n", b.a, b.b, (long long)b.c, b.d, b.e, b.f);
    b.a += 5; b.b *= 3; b.c -= 7; b.d = (b.d - 8) + 8; b.e = !b.e; b.f++;
    printf("%d %u %lld %llu %d %d\n", b.a, b.b, (long long)b.c, b.d, b.e, b.f);
    { int t1 = b.a++, t2 = ++b.b, t3 = --b.a; printf("%d %d %d\n", t1, t2, t3); }
    gb.c = b.c * 3; gb.a = -1;
    printf("%lld %d\n", (long long)gb.c, gb.a);
    uc += 10; sc *= 50; ss -= 40000; us++;
    printf("%d %d %d %d\n", uc, sc, ss, us);
    i <<= 3; *p |= 5; l /= -7; u %= 1000001u; d *= f; f /= 4;
    printf("%d %ld %u %g %g\n", i, l, u, d, f);
    printf("%d %d %u %ld\n", -i >> 2, (int)(u >> 3), (unsigned)l, (long)u);
    printf("%d %d %d %d\n", (int)d, (int)-2.9, (unsigned char)300, (signed char)200);
    printf("%g %g %g\n", (double)ld * 2, (double)(float)u, (double)(unsigned long)-1);
    printf("%d %d %d\n", z, z + z, c + 1);
    z--; c--;
    printf("%d %c %lu\n", z, c, (unsigned long)(z ? 1.0 : 0.5 > 0.25));
    printf("%d %d %d %d\n", 7 / -2, 7 % -2, -7 / 2, -7 % 2);
    printf("%u %u\n", 7u / 2u, 0xffffffffu % 10u);
    {
        unsigned long long big = 0xfedcba9876543210ull;
        printf("%llx %llx %lld\n", big >> 12, big << 4, (long long)big >> 60);
        printf("%g %llu\n", (double)big, (unsigned long long)(double)big);
    }
    return 0;
}
