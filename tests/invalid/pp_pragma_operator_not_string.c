/* C11 6.10.9p1: _Pragma takes a parenthesised string literal */
_Pragma(1)
int x;
