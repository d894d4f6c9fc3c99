/* C11 6.8.1p2: case label outside a switch */
void f(void)
{
case 1:
    ;
}
