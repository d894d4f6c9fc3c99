/* C11 6.7.2.1p9: struct member with a variably modified type */
void f(int n)
{
    struct S { int a[n]; } s;
    (void)s;
}
