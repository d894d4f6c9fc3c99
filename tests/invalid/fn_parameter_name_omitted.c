/* C11 6.9.1p5: parameters of a function definition need names */
int f(int)
{
    return 0;
}
