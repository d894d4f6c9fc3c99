/* C11 6.7.9p11: pointer initialized from a floating value */
int *p = 1.5;
