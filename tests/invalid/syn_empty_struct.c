/* C11 6.7.2.1p1: a struct needs at least one member */
struct S {};
