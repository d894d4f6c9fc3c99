/* C11 6.5.16.1p1: pointer assigned to an integer without a cast */
void f(int *p)
{
    int x;
    x = p;
}
