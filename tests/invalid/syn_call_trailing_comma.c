/* C11 6.5.2p1: argument list cannot end with a comma */
int g(int a, int b);
int f(void)
{
    return g(1, 2,);
}
