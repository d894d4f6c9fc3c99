/* C11 6.10.3p1: a macro name must be an identifier */
#define 3 x
int x;
