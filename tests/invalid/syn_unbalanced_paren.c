/* C11 6.5.1p1: parenthesised expression missing its ) */
int f(int x)
{
    return (x + 2;
}
