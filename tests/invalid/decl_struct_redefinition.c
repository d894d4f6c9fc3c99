/* C11 6.7.2.3p1: struct content defined twice in one scope */
struct S { int a; };
struct S { int b; };
