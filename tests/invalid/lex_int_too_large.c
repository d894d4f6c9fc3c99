/* C11 6.4.4.1p6: integer constant not representable in any type */
unsigned long long x = 0x1ffffffffffffffffffff;
