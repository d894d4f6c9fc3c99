/* C11 6.7.2p2: both signed and unsigned */
signed unsigned int x;
