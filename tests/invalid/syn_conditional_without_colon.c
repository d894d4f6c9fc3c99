/* C11 6.5.15p1: ?: missing its : */
int f(int c)
{
    return c ? 1;
}
