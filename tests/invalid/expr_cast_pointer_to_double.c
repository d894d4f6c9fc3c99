/* C11 6.5.4p4: pointer cast to a floating type */
double f(int *p)
{
    return (double)p;
}
