/* C11 6.7.2.4p3: _Atomic() of an array type */
_Atomic(int[2]) x;
