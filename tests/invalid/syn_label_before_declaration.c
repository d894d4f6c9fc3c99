/* C11 6.8.1p1: a label must be followed by a statement, not a declaration */
int f(void)
{
l:
    int x = 1;
    return x;
}
