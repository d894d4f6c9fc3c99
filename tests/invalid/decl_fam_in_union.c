/* C11 6.7.2.1p3: flexible array member in a union */
union U { int n; int a[]; };
