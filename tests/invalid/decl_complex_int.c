/* C11 6.7.2p2: _Complex int is not a C11 type */
_Complex int c;
