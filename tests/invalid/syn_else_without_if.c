/* C11 6.8.4p1: else without a matching if */
int f(int x)
{
    x = 1;
    else
        x = 2;
    return x;
}
