/* C11 6.5.3.3p1: unary - of a void expression */
void g(void);
void f(void)
{
    -g();
}
