/* C11 6.7.5p2: _Alignas on a bit-field */
struct S { _Alignas(8) int b : 3; };
