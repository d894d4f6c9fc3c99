/* C11 6.9.1p4: function definition with storage class typedef */
typedef int f(void)
{
    return 0;
}
