/* C11 6.8.5p1: for needs two semicolons in its header */
int f(void)
{
    int s = 0;
    for (int i = 0; i < 10)
        s += i;
    return s;
}
