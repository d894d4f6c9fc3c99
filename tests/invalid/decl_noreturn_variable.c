/* C11 6.7.4p1: _Noreturn on an object */
_Noreturn int x;
