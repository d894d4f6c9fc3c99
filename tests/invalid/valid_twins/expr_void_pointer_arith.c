/* valid twin of ../expr_void_pointer_arith.c: the violation corrected */
void *f(void *p)
{
    return (char *)p + 1;
}
