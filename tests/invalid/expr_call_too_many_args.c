/* C11 6.5.2.2p2: too many arguments to a prototyped function */
int g(int a);
int f(void)
{
    return g(1, 2);
}
