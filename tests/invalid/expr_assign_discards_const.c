/* C11 6.5.16.1p1: assignment drops a const qualifier */
void f(const int *p)
{
    int *q;
    q = p;
}
