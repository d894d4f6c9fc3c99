/* valid twin of ../decl_static_follows_extern.c: the violation corrected */
static int x;
extern int x;
