/* valid twin of ../fn_kr_undeclared_parameter.c: the violation corrected */
int f(a, b)
    int a, b;
{
    return a + b;
}
