/* C11 6.7.1p7: block-scope function declaration with static */
void f(void)
{
    static int g(void);
}
