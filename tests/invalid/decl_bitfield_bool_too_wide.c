/* C11 6.7.2.1p4: _Bool bit-field wider than one bit */
struct S { _Bool b : 2; };
