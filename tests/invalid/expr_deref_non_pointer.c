/* C11 6.5.3.2p2: unary * needs a pointer */
int f(int x)
{
    return *x;
}
