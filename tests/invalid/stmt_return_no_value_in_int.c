/* C11 6.8.6.4p1: return without a value in a non-void function */
int f(void)
{
    return;
}
