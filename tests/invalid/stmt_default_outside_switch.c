/* C11 6.8.1p2: default label outside a switch */
void f(void)
{
default:
    ;
}
