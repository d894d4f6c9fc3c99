/* C11 6.7.2.1p3: struct with a flexible array member as a member of a struct */
struct F { int n; int a[]; };
struct S { struct F f; int m; };
