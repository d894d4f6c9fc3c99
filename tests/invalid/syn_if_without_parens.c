/* C11 6.8.4p1: if needs a parenthesised condition */
int f(int x)
{
    if x > 0
        return 1;
    return 0;
}
