/* C11 6.7.2p2: _Complex alone is not a type */
_Complex c;
