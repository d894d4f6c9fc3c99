/* valid twin of ../expr_equality_pointer_int.c: the violation corrected */
int f(int *p)
{
    return p == 0;
}
