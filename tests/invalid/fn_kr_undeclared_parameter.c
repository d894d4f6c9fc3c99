/* C11 6.9.1p6: every K&R identifier-list parameter must be declared */
int f(a, b)
    int a;
{
    return a + b;
}
