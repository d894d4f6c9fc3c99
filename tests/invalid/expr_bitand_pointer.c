/* C11 6.5.10p2: & needs integer operands */
long f(int *p)
{
    return p & 1;
}
