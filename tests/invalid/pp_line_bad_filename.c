/* C11 6.10.4p4: #line file name must be a string literal */
#line 10 foo
int x;
