/* C11 6.5.3.3p1: ~ needs an integer operand */
int f(double d)
{
    return ~d;
}
