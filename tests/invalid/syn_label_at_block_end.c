/* C11 6.8.1p1: a label must be followed by a statement */
void f(void)
{
    goto l;
l:
}
