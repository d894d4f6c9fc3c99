/* C11 6.7p4: definition disagrees with an earlier prototype */
int f(int a);
int f(long a)
{
    return 0;
}
