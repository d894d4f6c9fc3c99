/* C11 6.5.3.1p1: -- on an array is not a modifiable lvalue */
void f(void)
{
    int a[2];
    --a;
}
