/* C11 6.8.6.4p1: return with a value in a void function */
void f(void)
{
    return 1;
}
