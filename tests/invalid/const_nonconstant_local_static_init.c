/* C11 6.7.9p4: block-scope static initializer must be constant */
int f(int a)
{
    static int s = a;
    return s;
}
