/* C11 6.5.5p2: / needs arithmetic operands */
struct S { int a; };
int f(struct S s)
{
    return s / 2;
}
