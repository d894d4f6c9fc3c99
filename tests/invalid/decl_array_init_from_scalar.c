/* C11 6.7.9p16: array initializer must be a brace list or string */
int a[2] = 1;
