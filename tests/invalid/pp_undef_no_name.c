/* C11 6.10.3.5p2: #undef needs an identifier */
#undef
int x;
