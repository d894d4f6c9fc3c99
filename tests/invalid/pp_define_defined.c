/* C11 6.10.8p2: defined may not be a macro name */
#define defined 1
int x;
