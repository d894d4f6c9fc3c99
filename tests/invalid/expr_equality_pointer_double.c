/* C11 6.5.9p2: == between a pointer and a floating value */
int f(int *p)
{
    return p == 1.0;
}
