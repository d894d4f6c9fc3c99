/* C11 6.7.9p6: negative array designator */
int a[3] = { [-1] = 1 };
