/* valid twin of ../decl_bitfield_zero_named.c: the violation corrected */
struct S { int a; int : 0; };
