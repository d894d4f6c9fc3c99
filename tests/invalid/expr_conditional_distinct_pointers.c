/* C11 6.5.15p3: ?: with pointers to incompatible types */
void f(int *p, double *q, int c)
{
    c ? p : q;
}
