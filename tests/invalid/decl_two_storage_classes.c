/* C11 6.7.1p2: at most one storage-class specifier */
static extern int x;
