/* C11 6.7.9p4: static initializer must be a constant expression */
int y;
int x = y;
