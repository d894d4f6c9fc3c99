/* C11 6.8.6.1p1: goto to a label that does not exist */
void f(void)
{
    goto nowhere;
}
