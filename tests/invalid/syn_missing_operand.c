/* C11 6.5.6p1: binary + needs a right operand */
int f(int x)
{
    return x +;
}
