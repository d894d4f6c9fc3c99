/* C11 6.5.3.4p1: sizeof of void (an incomplete type) */
unsigned long n = sizeof(void);
