/* valid twin of ../syn_label_at_block_end.c: the violation corrected */
void f(void)
{
    goto l;
l:
    ;
}
