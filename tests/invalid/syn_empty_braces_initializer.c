/* C11 6.7.9p1: an initializer list may not be empty */
int a[2] = {};
