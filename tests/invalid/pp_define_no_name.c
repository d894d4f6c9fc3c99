/* C11 6.10.3p1: #define needs a macro name */
#define
int x;
