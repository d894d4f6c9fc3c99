/* valid twin of ../decl_fam_not_last.c: the violation corrected */
struct S { int n; int m; int a[]; };
