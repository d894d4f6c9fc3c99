/* C11 6.5.1p2: calling an undeclared function */
int f(void)
{
    return undeclared_function(1);
}
