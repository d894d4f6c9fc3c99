/* C11 6.7.2p2: unsigned float is not a type */
unsigned float f;
