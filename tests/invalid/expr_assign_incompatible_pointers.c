/* C11 6.5.16.1p1: pointers to incompatible types */
void f(int *p)
{
    double *q;
    q = p;
}
