/* C11 6.7.6.2p2: a static object cannot have a variable length array type */
void f(int n)
{
    static int a[n];
    (void)a;
}
