/* C11 6.7.9p6: array designator beyond the array bounds */
int a[3] = { [5] = 1 };
