/* C11 6.5.2.4p1: ++ operand must be a modifiable lvalue */
int f(int x)
{
    (x + 1)++;
    return x;
}
