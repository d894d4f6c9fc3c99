/* C11 6.10.2p2: <header name missing its > */
#include <stdio.h
int x;
