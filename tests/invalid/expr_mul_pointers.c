/* C11 6.5.5p2: * needs arithmetic operands */
int f(int *p, int *q)
{
    return p * q;
}
