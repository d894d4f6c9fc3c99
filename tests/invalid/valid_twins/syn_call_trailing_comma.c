/* valid twin of ../syn_call_trailing_comma.c: the violation corrected */
int g(int a, int b);
int f(void)
{
    return g(1, 2);
}
