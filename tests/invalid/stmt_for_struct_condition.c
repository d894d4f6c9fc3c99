/* C11 6.8.5p2: for condition must be scalar */
struct S { int a; };
void f(struct S s)
{
    for (; s;)
        ;
}
