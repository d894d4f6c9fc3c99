/* #ident and #sccs: -E prints them back as #ident, operand macro-expanded. */
#define VERSION "1.2"
#ident "lcc test"
#sccs "sccs line"
#ident VERSION
  #  ident   "indented"
int x;
