/* C11 6.7.2p2: both long and short */
long short x;
