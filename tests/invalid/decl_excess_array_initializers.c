/* C11 6.7.9p2: more initializers than array elements */
int a[2] = { 1, 2, 3 };
