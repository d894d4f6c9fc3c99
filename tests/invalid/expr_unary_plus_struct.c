/* C11 6.5.3.3p1: unary + needs an arithmetic operand */
struct S { int a; };
void f(struct S s)
{
    +s;
}
