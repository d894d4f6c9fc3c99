/* C11 6.5.4p4: floating value cast to a pointer */
int *f(double d)
{
    return (int *)d;
}
