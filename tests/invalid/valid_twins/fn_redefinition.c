/* valid twin of ../fn_redefinition.c: the violation corrected */
int f(void)
{
    return 1;
}
int f(void);
