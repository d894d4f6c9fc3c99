/* C11 6.5.14p2: || needs scalar operands */
union U { int a; };
int f(union U u, int x)
{
    return u || x;
}
