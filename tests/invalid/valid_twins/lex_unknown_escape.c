/* valid twin of ../lex_unknown_escape.c: the violation corrected */
const char *s = "a\nb";
