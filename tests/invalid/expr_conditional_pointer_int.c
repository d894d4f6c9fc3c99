/* C11 6.5.15p3: ?: with a pointer and a non-null integer */
int *f(int *p, int c)
{
    return c ? p : 1;
}
