/* C11 6.8.1p2: case label in a block not enclosed by a switch */
int f(int x)
{
    switch (x) {
    case 1:
        return 1;
    }
case 2:
    return 0;
}
