/* Objects of variably modified type passed around: pointers to them,
   struct assignment, statement expressions, and by value through `...`
   (gcc passes types of variable size by invisible reference). */
#include <stdarg.h>
#include <stdio.h>

static void show(int n, void *v)
{
    struct V { int id; char s[n]; long t; } *p = v;
    printf("show id=%d t=%ld s0=%c sz=%lu\n", p->id, p->t, n ? p->s[0] : '-',
           (unsigned long)sizeof *p);
}

static void fill(int n, void *v, int id)
{
    struct V { int id; char s[n]; long t; } *p = v;
    p->id = id;
    for (int i = 0; i < n; i++)
        p->s[i] = (char)('k' + i);
    p->t = id * 7L;
}

/* the type is declared in the parameter list: laid out on entry */
static long param_type(int n, struct PT { short s[n]; long after; } *p, int which)
{
    long r = 0;
    if (which)
        r = (long)sizeof *p;
    n = 1000;
    return r + p->after + (long)((char *)&p->after - (char *)p);
}

static void vararg(int n, ...)
{
    struct { char x[n]; int y; } d;
    va_list ap;
    va_start(ap, n);
    for (int k = 0; k < 3; k++) {
        d = va_arg(ap, typeof(d));
        int sum = 0;
        for (int i = 0; i < n; i++)
            sum += d.x[i];
        printf("va %d: sum=%d y=%d\n", k, sum, d.y);
    }
    int last = va_arg(ap, int);
    printf("va last=%d\n", last);
    va_end(ap);
}

static void copies(int n)
{
    struct V { int id; char s[n]; long t; } a, b, arr[3];
    fill(n, &a, 1);
    fill(n, &b, 2);
    b = a;
    show(n, &b);
    arr[1] = b;
    arr[2] = ({ struct V tmp; tmp = arr[1]; tmp.id = 9; tmp; });
    show(n, &arr[2]);
    struct V *p = arr;
    p[0] = p[2];
    p[0].t += 1;
    show(n, p);
    show(n, &arr[2]);
}

int main(void)
{
    for (int n = 1; n < 20; n += 6) {
        copies(n);
        struct { char x[n]; int y; } x, y, z;
        for (int i = 0; i < n; i++) {
            x.x[i] = (char)i;
            y.x[i] = (char)(2 * i);
            z.x[i] = (char)(3 * i);
        }
        x.y = 100;
        y.y = 200;
        z.y = 300;
        vararg(n, x, y, z, 4242);
        struct { short s[n]; long after; } pt;
        pt.after = 5;
        printf("param %ld %ld\n", param_type(n, (void *)&pt, 0), param_type(n, (void *)&pt, 1));
    }
    return 0;
}
