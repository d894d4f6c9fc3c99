/* C11 6.2.2p7: declaration without storage class after a static one */
static int x;
int x;
