/* valid twin of ../decl_object_redefinition.c: the violation corrected */
int x = 1;
extern int x;
