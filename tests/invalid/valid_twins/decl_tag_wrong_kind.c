/* valid twin of ../decl_tag_wrong_kind.c: the violation corrected */
struct S;
struct S *p;
