/* C11 6.7.5p4: _Alignas cannot weaken the natural alignment */
_Alignas(1) int x;
