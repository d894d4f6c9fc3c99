/* valid twin of ../decl_bitfield_too_wide.c: the violation corrected */
struct S { int b : 32; };
