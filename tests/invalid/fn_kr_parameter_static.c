/* C11 6.9.1p6: K&R parameter declaration with storage class static */
int f(a)
    static int a;
{
    return a;
}
