/* C11 6.5.2.2p2: a void expression as an argument */
int g(int a);
void h(void);
int f(void)
{
    return g(h());
}
