/* C11 6.9.1p4: function definition with storage class register */
register int f(void)
{
    return 0;
}
