/* valid twin of ../stmt_goto_into_vla_scope.c: the violation corrected */
void f(int n)
{
    {
        int a[n];
        goto l;
    l:
        a[0] = 1;
    }
}
