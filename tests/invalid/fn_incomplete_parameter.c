/* C11 6.9.1p7: parameter of incomplete type in a definition */
struct X;
void f(struct X x)
{
}
