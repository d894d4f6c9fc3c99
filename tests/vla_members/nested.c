/* Variably modified structs inside structs, anonymous members, arrays of
   them, pointer arithmetic, and a declaration reached again in a loop. */
#include <stdio.h>
#include <string.h>

static void nested(int n, int m)
{
    struct In { short h; char a[n]; int after; };
    struct Out { char tag; struct In in; double d[m]; struct In in2; long end; } o;
    memset(&o, 0, sizeof o);
    o.tag = 'T';
    o.in.h = 11;
    for (int i = 0; i < n; i++)
        o.in.a[i] = (char)i;
    o.in.after = 22;
    for (int i = 0; i < m; i++)
        o.d[i] = i / 4.0;
    o.in2.h = 33;
    o.in2.after = 44;
    o.end = 55;
    printf("Out n=%d m=%d size=%lu in=%lu in2=%ld end=%ld: %c %d %d %d %d %ld\n", n, m,
           (unsigned long)sizeof o, (unsigned long)sizeof o.in,
           (long)((char *)&o.in2 - (char *)&o), (long)((char *)&o.end - (char *)&o),
           o.tag, o.in.h, o.in.after, o.in2.h, o.in2.after, o.end);
    unsigned char *b = (unsigned char *)&o;
    unsigned long ck = 0;
    for (unsigned long i = 0; i < sizeof o; i++)
        ck = ck * 31 + b[i];
    printf("  checksum %lu\n", ck);
}

static void anonymous(int n)
{
    struct { int x; struct { char a[n]; int y; }; int z; } s;
    s.x = 1;
    s.y = 2;
    s.z = 3;
    for (int i = 0; i < n; i++)
        s.a[i] = 'A';
    printf("anon n=%d size=%lu y=%ld z=%ld %d %d %d\n", n, (unsigned long)sizeof s,
           (long)((char *)&s.y - (char *)&s), (long)((char *)&s.z - (char *)&s), s.x, s.y, s.z);
}

static void arrays(int n)
{
    struct R { int k; char name[n]; short w; } arr[4], *p = arr;
    for (int i = 0; i < 4; i++) {
        arr[i].k = i;
        for (int j = 0; j < n; j++)
            arr[i].name[j] = (char)('a' + i + j);
        arr[i].w = (short)(i * 10);
    }
    p += 2;
    printf("arr n=%d size=%lu elem=%lu diff=%ld: %d %d %d %d\n", n, (unsigned long)sizeof arr,
           (unsigned long)sizeof arr[0], (long)(p - arr), p->k, p[1].w, (p - 1)->k,
           n > 1 ? p[-2].name[n - 1] : 0);
    struct R *q = &arr[3];
    printf("  %ld %d\n", (long)((char *)q - (char *)arr), q->w);
}

static int loop_redeclared(int limit)
{
    int total = 0;
    for (int n = 1; n <= limit; n++) {
        struct L { char a[n]; int v; } l;
        l.v = n;
        for (int i = 0; i < n; i++)
            l.a[i] = 1;
        total += (int)sizeof l + l.v + l.a[n - 1];
    }
    return total;
}

int main(void)
{
    for (int n = 0; n < 6; n++) {
        nested(n * 3, 5 - n);
        anonymous(n * 2 + 1);
        arrays(n + 1);
    }
    printf("loop %d\n", loop_redeclared(40));
    return 0;
}
