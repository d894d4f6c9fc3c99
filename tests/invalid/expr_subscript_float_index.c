/* C11 6.5.2.1p1: array subscript must have integer type */
int a[3];
int f(void)
{
    return a[1.0];
}
