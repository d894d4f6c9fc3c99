/* C11 6.7.10p2: _Static_assert with a false condition */
_Static_assert(sizeof(char) == 2, "char is one byte");
