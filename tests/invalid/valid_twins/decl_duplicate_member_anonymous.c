/* valid twin of ../decl_duplicate_member_anonymous.c: the violation corrected */
struct S { int a; struct { int b; }; };
