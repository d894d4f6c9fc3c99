/* C11 6.9.1p1: function definitions cannot nest */
int f(void)
{
    int g(void) { return 1; }
    return g();
}
