/* C11 6.5.2.2p2: argument of incompatible pointer type */
int g(double *p);
int f(int *q)
{
    return g(q);
}
