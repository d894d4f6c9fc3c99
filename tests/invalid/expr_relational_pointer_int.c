/* C11 6.5.8p2: < between a pointer and an integer */
int f(int *p)
{
    return p < 1;
}
