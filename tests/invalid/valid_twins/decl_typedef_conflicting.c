/* valid twin of ../decl_typedef_conflicting.c: the violation corrected */
typedef int T;
typedef int T;
