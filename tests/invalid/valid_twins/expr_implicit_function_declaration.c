/* valid twin of ../expr_implicit_function_declaration.c: the violation corrected */
int undeclared_function(int);
int f(void)
{
    return undeclared_function(1);
}
