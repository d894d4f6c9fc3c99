/* C11 6.7.9p1: initializer needs an expression */
int x = ;
