/* C11 6.8.6.1p1: goto into the scope of a variably modified object */
void f(int n)
{
    goto l;
    {
        int a[n];
    l:
        a[0] = 1;
    }
}
