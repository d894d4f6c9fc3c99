/* C11 6.8.4.2p3: two default labels in one switch */
int f(int x)
{
    switch (x) {
    default:
        return 1;
    case 1:
        return 2;
    default:
        return 3;
    }
}
