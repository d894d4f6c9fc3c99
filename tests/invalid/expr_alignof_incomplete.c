/* C11 6.5.3.4p1: _Alignof of an incomplete type */
struct S;
unsigned long n = _Alignof(struct S);
