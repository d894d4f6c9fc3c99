/* C11 6.5.6p2: + of two pointers */
int *f(int *p, int *q)
{
    return p + q;
}
