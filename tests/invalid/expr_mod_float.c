/* C11 6.5.5p2: % needs integer operands */
double f(double a, double b)
{
    return a % b;
}
