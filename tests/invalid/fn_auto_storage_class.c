/* C11 6.9.1p4: function definition with storage class auto */
auto int f(void)
{
    return 0;
}
