/* C11 6.8.1p3: two labels with one name in a function */
void f(void)
{
l:
    ;
l:
    ;
}
