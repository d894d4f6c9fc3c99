/* C11 6.5.3.3p1: ! needs a scalar operand */
struct S { int a; };
int f(struct S s)
{
    return !s;
}
