/* valid twin of ../fn_internal_used_not_defined.c: the violation corrected */
static int g(void);
static int g(void) { return 0; }
int f(void)
{
    return g();
}
