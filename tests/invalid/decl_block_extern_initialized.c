/* C11 6.7.9p5: block-scope extern with an initializer */
void f(void)
{
    extern int x = 1;
}
