/* C11 6.7.2.1p1: struct members take no storage class */
struct S { static int a; };
