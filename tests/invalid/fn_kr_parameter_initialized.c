/* C11 6.9.1p6: K&R parameter declaration with an initializer */
int f(a)
    int a = 1;
{
    return a;
}
