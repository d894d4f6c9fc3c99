/* C11 6.5.16.2p1: += of a pointer to a pointer */
void f(int *p, int *q)
{
    p += q;
}
