/* C11 6.5.2.3p2: the struct pointed to has no such member */
struct S { int a; };
int f(struct S *p)
{
    return p->b;
}
