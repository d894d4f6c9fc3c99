/* C11 6.8.3p1: stray ) in an expression statement */
int f(int x)
{
    x = (1 + 2));
    return x;
}
