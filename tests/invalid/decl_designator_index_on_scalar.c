/* C11 6.7.9p6: array designator for a non-array object */
int x = { [0] = 1 };
