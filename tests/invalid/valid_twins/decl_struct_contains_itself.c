/* valid twin of ../decl_struct_contains_itself.c: the violation corrected */
struct S { int a; struct S *s; };
