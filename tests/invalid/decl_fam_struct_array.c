/* C11 6.7.2.1p3: array of structs with a flexible array member */
struct F { int n; int a[]; };
struct F arr[2];
