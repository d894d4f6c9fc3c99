/* C11 6.6p9: address of an automatic object is not an address constant */
int f(void)
{
    int x = 0;
    static int *p = &x;
    return *p;
}
