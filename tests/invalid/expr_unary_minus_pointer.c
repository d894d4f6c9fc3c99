/* C11 6.5.3.3p1: unary - needs an arithmetic operand */
int *f(int *p)
{
    return -p;
}
