/* C11 6.5.1.1p2: _Generic selector matches no association */
int f(double d)
{
    return _Generic(d, int: 1, long: 2);
}
