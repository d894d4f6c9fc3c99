/* C11 6.5.3p1: && label is not C11 syntax */
void *f(void)
{
l:
    return &&l;
}
