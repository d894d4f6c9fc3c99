/* C11 6.5.2.2p2: too few arguments to a prototyped function */
int g(int a, int b);
int f(void)
{
    return g(1);
}
