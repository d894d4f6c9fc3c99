/* C11 6.5.1.1p2: _Generic associations with compatible types */
int f(int x)
{
    return _Generic(x, int: 1, signed int: 2, default: 3);
}
