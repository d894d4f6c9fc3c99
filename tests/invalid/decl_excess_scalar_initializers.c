/* C11 6.7.9p2: more than one initializer for a scalar */
int x = { 1, 2 };
