/* C11 6.7.2.1p3: flexible array member in a struct with no other named member */
struct S { int a[]; };
