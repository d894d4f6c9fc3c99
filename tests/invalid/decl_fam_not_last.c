/* C11 6.7.2.1p3: flexible array member must be last */
struct S { int n; int a[]; int m; };
