/* C11 6.5.2.3p1: the struct has no such member */
struct S { int a; };
int f(struct S s)
{
    return s.b;
}
