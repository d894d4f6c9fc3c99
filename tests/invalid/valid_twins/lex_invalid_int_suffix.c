/* valid twin of ../lex_invalid_int_suffix.c: the violation corrected */
int x = 12ul;
