/* C11 6.5.2.1p1: subscripted value must be a pointer or array */
int f(int x)
{
    return x[0];
}
