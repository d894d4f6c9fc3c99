/* C11 6.5.6p3: - of pointers to incompatible types */
long f(int *p, double *q)
{
    return p - q;
}
