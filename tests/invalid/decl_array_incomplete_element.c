/* C11 6.7.6.2p1: array element type must be complete */
struct X;
struct X a[3];
