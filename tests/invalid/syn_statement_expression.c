/* C11 6.5.1p1: statement expressions are not C11 syntax */
int f(void)
{
    return ({ int y = 1; y; });
}
