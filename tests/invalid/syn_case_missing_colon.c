/* C11 6.8.1p1: case label needs a colon */
int f(int x)
{
    switch (x) {
    case 1 x++;
    }
    return x;
}
