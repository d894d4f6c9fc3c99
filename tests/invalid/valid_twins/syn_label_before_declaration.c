/* valid twin of ../syn_label_before_declaration.c: the violation corrected */
int f(void)
{
l:;
    int x = 1;
    return x;
}
