/* C11 6.5.12p2: | needs integer operands */
struct S { int a; };
int f(struct S s)
{
    return s | 1;
}
