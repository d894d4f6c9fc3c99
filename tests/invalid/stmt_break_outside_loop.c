/* C11 6.8.6.3p1: break outside a loop or switch */
void f(void)
{
    break;
}
