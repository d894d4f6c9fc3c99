/* C11 6.7p1: a typedef cannot have an initializer */
typedef int T = 1;
