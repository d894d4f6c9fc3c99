/* C11 6.8.4.2p1: switch on a pointer */
int f(int *p)
{
    switch (p) {
    default:
        return 1;
    }
}
