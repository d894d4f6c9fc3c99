/* C11 6.7.9p13: struct initialized from an int */
struct S { int a; };
void f(void)
{
    struct S s = 1;
    (void)s;
}
