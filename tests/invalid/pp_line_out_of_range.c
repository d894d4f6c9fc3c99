/* C11 6.10.4p3: #line number must be in 1..2147483647 */
#line 2147483648
int x;
