/* The calling convention for arguments of variable size, checked across
   compilers: built with -DPART=1 (callees) and -DPART=2 (main) by gcc and
   lcc in both pairings. gcc passes them by invisible reference. */
#include <stdarg.h>
#include <stdio.h>

int callee(int n, ...);
int callee2(int n, int m, ...);

#if PART == 1
int callee(int n, ...)
{
    struct { short h; char a[n]; } d;
    va_list ap;
    int sum = 0;
    va_start(ap, n);
    for (int k = 0; k < 2; k++) {
        d = va_arg(ap, typeof(d));
        sum = sum * 7 + d.h;
        for (int i = 0; i < n; i++)
            sum = sum * 3 + d.a[i];
    }
    sum += va_arg(ap, int);
    va_end(ap);
    return sum;
}

int callee2(int n, int m, ...)
{
    va_list ap;
    va_start(ap, m);
    double before = va_arg(ap, double);
    struct { long a[n]; char c[m]; } v;
    v = va_arg(ap, typeof(v));
    double after = va_arg(ap, double);
    va_end(ap);
    long s = 0;
    for (int i = 0; i < n; i++)
        s += v.a[i];
    for (int i = 0; i < m; i++)
        s += v.c[i];
    return (int)(s + before + after);
}
#else
int main(void)
{
    for (int n = 1; n < 30; n += 7) {
        struct { short h; char a[n]; } x, y;
        x.h = 3;
        y.h = 5;
        for (int i = 0; i < n; i++) {
            x.a[i] = (char)i;
            y.a[i] = (char)(n - i);
        }
        printf("%d %d\n", n, callee(n, x, y, 99));
        struct { long a[n]; char c[n + 1]; } v;
        for (int i = 0; i < n; i++)
            v.a[i] = i * 100;
        for (int i = 0; i <= n; i++)
            v.c[i] = (char)i;
        printf("%d\n", callee2(n, n + 1, 1.5, v, 2.5));
    }
    return 0;
}
#endif
