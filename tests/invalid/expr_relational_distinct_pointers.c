/* C11 6.5.8p2: < between pointers to incompatible types */
int f(int *p, long *q)
{
    return p < q;
}
