/* C11 6.5.6p3: pointer - floating value */
int *f(int *p, double d)
{
    return p - d;
}
