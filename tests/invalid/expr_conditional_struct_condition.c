/* C11 6.5.15p2: the first operand of ?: must be scalar */
struct S { int a; };
int f(struct S s)
{
    return s ? 1 : 2;
}
