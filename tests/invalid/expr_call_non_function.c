/* C11 6.5.2.2p1: called object is not a function */
int f(int x)
{
    return x();
}
