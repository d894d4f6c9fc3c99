/* C11 6.7.2.1p1: member of an anonymous struct duplicates an outer member */
struct S { int a; struct { int a; }; };
