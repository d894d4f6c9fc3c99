/* C11 6.5.4p2: cast of a non-scalar operand */
struct S { int a; };
int f(struct S s)
{
    return (int)s;
}
