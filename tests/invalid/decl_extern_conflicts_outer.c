/* C11 6.7p4: block-scope extern conflicting with the file-scope declaration */
int x;
void f(void)
{
    extern double x;
}
