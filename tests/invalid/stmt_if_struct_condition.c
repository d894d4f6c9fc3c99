/* C11 6.8.4.1p1: if condition must be scalar */
struct S { int a; };
int f(struct S s)
{
    if (s)
        return 1;
    return 0;
}
