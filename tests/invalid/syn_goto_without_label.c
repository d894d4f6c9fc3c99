/* C11 6.8.6p1: goto needs an identifier */
void f(void)
{
    goto;
}
