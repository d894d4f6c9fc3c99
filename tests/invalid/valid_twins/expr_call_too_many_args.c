/* valid twin of ../expr_call_too_many_args.c: the violation corrected */
int g(int a);
int f(void)
{
    return g(1);
}
