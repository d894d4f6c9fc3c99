/* C11 6.5.16p2: left operand of = must be an lvalue */
void f(int x)
{
    1 = x;
}
