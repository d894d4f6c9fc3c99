/* valid twin of ../expr_generic_no_match.c: the violation corrected */
int f(double d)
{
    return _Generic(d, int: 1, double: 2);
}
