/* C11 6.5.3.4p1: _Alignof of a function type */
unsigned long n = _Alignof(int(void));
