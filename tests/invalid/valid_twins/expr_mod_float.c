/* valid twin of ../expr_mod_float.c: the violation corrected */
double f(double a, double b)
{
    return (long)a % (long)b;
}
