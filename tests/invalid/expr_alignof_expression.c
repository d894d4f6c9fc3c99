/* C11 6.5.3.4p1: _Alignof takes a type name, not an expression */
int x;
unsigned long n = _Alignof(x);
