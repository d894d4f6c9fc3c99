/* C11 6.9.1p3: function definition returning an array type */
typedef int A[2];
A f(void)
{
}
