/* C11 6.5.2.3p1: member access on an incomplete struct */
struct S;
int f(struct S *p)
{
    return p->a;
}
