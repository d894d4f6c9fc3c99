/* C11 6.5.9p2: == between pointers to incompatible types */
int f(int *p, double *q)
{
    return p == q;
}
