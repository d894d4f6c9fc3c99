/* C11 6.8.4.2p2: switch jumps into the scope of a variably modified object */
void f(int n, int x)
{
    switch (x) {
        int a[n];
    case 1:
        a[0] = 1;
    }
}
