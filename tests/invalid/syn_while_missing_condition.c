/* C11 6.8.5p1: while needs a condition */
void f(void)
{
    while ()
        ;
}
