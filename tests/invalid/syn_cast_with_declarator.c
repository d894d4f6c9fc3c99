/* C11 6.5.4p1: a cast takes a type name, not a declaration */
int f(void)
{
    return (int x) 3;
}
