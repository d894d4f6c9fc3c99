/* C11 6.8.2p1: compound statement missing its } */
int f(void)
{
    return 0;
