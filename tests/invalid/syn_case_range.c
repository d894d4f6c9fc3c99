/* C11 6.8.1p1: case ranges are not C11 syntax */
int f(int x)
{
    switch (x) {
    case 1 ... 3:
        return 1;
    }
    return 0;
}
