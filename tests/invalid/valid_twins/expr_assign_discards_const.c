/* valid twin of ../expr_assign_discards_const.c: the violation corrected */
void f(const int *p)
{
    const int *q;
    q = p;
}
