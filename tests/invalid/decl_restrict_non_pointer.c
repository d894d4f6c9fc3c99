/* C11 6.7.3p2: restrict on a non-pointer type */
restrict int x;
