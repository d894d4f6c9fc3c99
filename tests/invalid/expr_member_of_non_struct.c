/* C11 6.5.2.3p1: . needs a struct or union operand */
int f(int x)
{
    return x.a;
}
