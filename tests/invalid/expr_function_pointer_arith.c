/* C11 6.5.6p2: arithmetic on a pointer to function */
typedef int F(void);
F *f(F *p)
{
    return p + 1;
}
