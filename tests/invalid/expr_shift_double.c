/* C11 6.5.7p2: << needs integer operands */
int f(double d)
{
    return 1 << d;
}
