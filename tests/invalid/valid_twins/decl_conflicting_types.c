/* valid twin of ../decl_conflicting_types.c: the violation corrected */
int x;
extern int x;
