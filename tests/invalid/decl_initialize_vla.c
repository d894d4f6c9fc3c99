/* C11 6.7.9p3: a variable length array cannot be initialized */
void f(int n)
{
    int a[n] = { 0 };
    (void)a;
}
