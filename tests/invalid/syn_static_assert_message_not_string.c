/* C11 6.7.10p1: _Static_assert message must be a string literal */
_Static_assert(1, 2);
