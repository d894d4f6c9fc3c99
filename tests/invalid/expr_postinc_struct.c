/* C11 6.5.2.4p1: ++ operand must be real or pointer */
struct S { int a; };
void f(struct S s)
{
    s++;
}
