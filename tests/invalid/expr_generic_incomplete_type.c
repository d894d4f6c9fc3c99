/* C11 6.5.1.1p2: _Generic association with an incomplete type */
struct S;
int f(int x)
{
    return _Generic(x, struct S: 1, default: 2);
}
