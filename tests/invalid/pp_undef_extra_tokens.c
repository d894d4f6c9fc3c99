/* C11 6.10.3.5p2: #undef takes exactly one identifier */
#define A 1
#undef A B
int x;
