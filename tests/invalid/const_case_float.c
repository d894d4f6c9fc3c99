/* C11 6.8.4.2p3: case label must be an integer constant expression, not floating */
int f(int x)
{
    switch (x) {
    case 1.0:
        return 1;
    }
    return 0;
}
