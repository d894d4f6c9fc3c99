/* C11 6.5.1p2: an identifier must be declared before use */
int f(void)
{
    return undeclared_variable + 1;
}
