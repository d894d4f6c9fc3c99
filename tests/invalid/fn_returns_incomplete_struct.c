/* C11 6.9.1p3: function definition returning an incomplete type */
struct X;
struct X f(void)
{
}
