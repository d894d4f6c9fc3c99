/* C11 6.5.1.1p2: _Generic association with a variably modified type */
int f(int n, int x)
{
    return _Generic(x, int[n]: 1, default: 2);
}
