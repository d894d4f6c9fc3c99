/* C11 6.7.2.1p1: an empty member declaration is not allowed */
struct S { int a;; };
