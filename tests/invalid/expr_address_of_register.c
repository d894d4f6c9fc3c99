/* C11 6.5.3.2p1: & of a register object */
int *f(void)
{
    register int r = 0;
    return &r;
}
