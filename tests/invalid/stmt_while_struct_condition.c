/* C11 6.8.5p2: while condition must be scalar */
struct S { int a; };
void f(struct S s)
{
    while (s)
        ;
}
