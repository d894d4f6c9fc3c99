/* valid twin of ../expr_sub_incompatible_pointers.c: the violation corrected */
long f(int *p, double *q)
{
    return p - (int *)q;
}
