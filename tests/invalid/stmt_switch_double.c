/* C11 6.8.4.2p1: switch controlling expression must be integer */
int f(double d)
{
    switch (d) {
    case 1:
        return 1;
    }
    return 0;
}
