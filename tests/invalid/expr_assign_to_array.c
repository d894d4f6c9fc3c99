/* C11 6.5.16p2: assignment to an array */
void f(void)
{
    int a[2], b[2];
    a = b;
}
