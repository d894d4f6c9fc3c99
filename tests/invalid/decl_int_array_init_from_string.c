/* C11 6.7.9p14: int array initialized from a char string literal */
int a[4] = "abc";
