/* C11 6.7.2.4p3: _Atomic() of a function type */
_Atomic(int(void)) f;
