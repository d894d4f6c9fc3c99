/* C11 6.3.2.2p1: the value of a void expression cannot be used */
void g(void);
int f(void)
{
    int x = g();
    return x;
}
