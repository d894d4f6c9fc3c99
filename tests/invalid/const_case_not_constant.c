/* C11 6.8.4.2p3: case label must be an integer constant expression */
int f(int x, int y)
{
    switch (x) {
    case y:
        return 1;
    }
    return 0;
}
