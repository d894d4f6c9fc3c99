/* C11 6.8.6.4p3: pointer returned from an int function without a cast */
int f(int *p)
{
    return p;
}
