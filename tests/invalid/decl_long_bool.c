/* C11 6.7.2p2: long _Bool is not a type */
long _Bool b;
