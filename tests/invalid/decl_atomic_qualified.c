/* C11 6.7.2.4p3: _Atomic() of a qualified type */
_Atomic(const int) x;
