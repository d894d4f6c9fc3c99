/* valid twin of ../expr_assign_to_const.c: the violation corrected */
void f(void)
{
    int c = 1;
    c = 2;
}
