/* C11 6.5.11p2: ^ needs integer operands */
int f(double d)
{
    return d ^ 1;
}
