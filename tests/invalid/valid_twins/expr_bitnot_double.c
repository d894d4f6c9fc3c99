/* valid twin of ../expr_bitnot_double.c: the violation corrected */
int f(double d)
{
    return ~(int)d;
}
