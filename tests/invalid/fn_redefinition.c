/* C11 6.9p3: function defined twice */
int f(void)
{
    return 1;
}
int f(void)
{
    return 2;
}
