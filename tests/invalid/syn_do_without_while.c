/* C11 6.8.5p1: do statement needs while */
int f(int x)
{
    do x++; (x < 3);
    return x;
}
