/* C11 6.5.16p2: assignment through a pointer to const */
void f(const int *p)
{
    *p = 1;
}
