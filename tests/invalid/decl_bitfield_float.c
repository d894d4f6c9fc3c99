/* C11 6.7.2.1p5: bit-field of floating type */
struct S { float b : 3; };
