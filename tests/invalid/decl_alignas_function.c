/* C11 6.7.5p2: _Alignas on a function */
_Alignas(16) int f(void);
