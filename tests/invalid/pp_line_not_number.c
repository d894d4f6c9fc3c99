/* C11 6.10.4p3: #line needs a digit sequence */
#line abc
int x;
