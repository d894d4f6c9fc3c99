/* C11 6.9.1p6: K&R declaration for a name not in the identifier list */
int f(a)
    int a, b;
{
    return a;
}
