/* C11 6.7.2p2: at least one type specifier is required */
static x = 1;
