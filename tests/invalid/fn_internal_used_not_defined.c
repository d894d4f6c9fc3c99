/* C11 6.9p3: function with internal linkage used but never defined */
static int g(void);
int f(void)
{
    return g();
}
