/* C11 6.7.6p1: declarator missing its identifier */
int [3];
