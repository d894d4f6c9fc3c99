/* C11 6.7.9p7: member designator in an array initializer */
int a[2] = { .x = 1 };
