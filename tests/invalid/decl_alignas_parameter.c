/* C11 6.7.5p2: _Alignas on a parameter */
void f(_Alignas(16) int x);
