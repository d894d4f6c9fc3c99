/* C11 6.7.10p1: _Static_assert needs a message string */
_Static_assert(1);
