/* C11 6.5.16.1p1: integer assigned to a pointer without a cast */
void f(int x)
{
    int *p;
    p = x;
}
