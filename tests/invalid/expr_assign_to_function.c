/* C11 6.5.16p2: a function designator is not a modifiable lvalue */
int g(void);
void f(void)
{
    g = 0;
}
