/* C11 6.10.2p4: #include needs a header name */
#include
int x;
