/* C11 6.5.3.2p1: & of something that is not an lvalue */
int *f(int x)
{
    return &(x + 1);
}
