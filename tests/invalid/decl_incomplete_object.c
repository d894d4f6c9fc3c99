/* C11 6.7p7: object of an incomplete struct type */
struct X;
struct X x;
