/* C11 6.6p4: constant expression evaluating a division by zero */
int x = 1 / 0;
