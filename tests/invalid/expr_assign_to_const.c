/* C11 6.5.16p2: assignment to a const object */
void f(void)
{
    const int c = 1;
    c = 2;
}
