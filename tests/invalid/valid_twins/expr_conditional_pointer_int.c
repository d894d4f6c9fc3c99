/* valid twin of ../expr_conditional_pointer_int.c: the violation corrected */
int *f(int *p, int c)
{
    return c ? p : 0;
}
