/* C11 6.5.13p2: && needs scalar operands */
struct S { int a; };
int f(struct S s, int x)
{
    return x && s;
}
