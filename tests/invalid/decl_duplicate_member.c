/* C11 6.7.2.1p1: struct with two members of one name */
struct S { int a; int a; };
