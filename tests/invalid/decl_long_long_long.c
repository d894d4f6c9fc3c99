/* C11 6.7.2p2: long long long is not a type */
long long long x;
