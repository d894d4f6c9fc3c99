/* C11 6.8.4.2p3: two case labels with the same value */
int f(int x)
{
    switch (x) {
    case 1:
        return 1;
    case 2 - 1:
        return 2;
    }
    return 0;
}
