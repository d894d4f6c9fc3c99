/* C11 6.5.2.5p1: compound literal of variable length array type */
int f(int n)
{
    return (int[n]){0}[0];
}
