/* C11 6.7.5p2: _Alignas on a register object */
void f(void)
{
    register _Alignas(16) int r = 0;
    (void)r;
}
