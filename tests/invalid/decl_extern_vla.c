/* C11 6.7.6.2p2: an object with linkage cannot have a variably modified type */
void f(int n)
{
    extern int a[n];
}
