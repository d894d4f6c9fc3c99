/* C11 6.5.15p1: ?: needs its middle operand */
int f(int x)
{
    return x ?: 1;
}
