/* valid twin of ../expr_relational_pointer_int.c: the violation corrected */
int f(int *p)
{
    return p < (int *)1;
}
