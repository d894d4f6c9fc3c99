/* C11 6.5.1.1p2: _Generic with two default associations */
int f(int x)
{
    return _Generic(x, default: 1, long: 2, default: 3);
}
