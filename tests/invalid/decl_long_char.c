/* C11 6.7.2p2: long char is not a type */
long char c;
