/* valid twin of ../expr_assign_int_to_pointer.c: the violation corrected */
void f(int x)
{
    int *p;
    p = (int *)(long)x;
}
