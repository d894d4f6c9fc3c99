/* C11 6.2.2p7: static declaration after one with external linkage */
int x;
static int x;
