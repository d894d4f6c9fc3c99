/* C11 6.8.5p3: for-loop declaration with static storage */
int f(void)
{
    int s = 0;
    for (static int i = 0; i < 3; i++)
        s += i;
    return s;
}
