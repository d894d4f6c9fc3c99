/* C11 6.5.16.1p1: function pointer assigned to void * */
int g(void);
void f(void)
{
    void *p;
    p = g;
}
