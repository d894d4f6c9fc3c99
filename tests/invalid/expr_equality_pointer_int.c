/* C11 6.5.9p2: == between a pointer and a non-null integer */
int f(int *p)
{
    return p == 5;
}
