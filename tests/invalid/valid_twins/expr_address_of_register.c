/* valid twin of ../expr_address_of_register.c: the violation corrected */
int *f(void)
{
    static int r = 0;
    return &r;
}
