/* valid twin of ../expr_generic_duplicate_type.c: the violation corrected */
int f(int x)
{
    return _Generic(x, int: 1, unsigned int: 2, default: 3);
}
