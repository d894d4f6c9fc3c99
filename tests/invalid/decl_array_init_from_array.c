/* C11 6.7.9p16: an array cannot be initialized from another array */
int b[2];
void f(void)
{
    int a[2] = b;
    (void)a;
}
