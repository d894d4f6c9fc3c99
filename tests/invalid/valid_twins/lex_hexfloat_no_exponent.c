/* valid twin of ../lex_hexfloat_no_exponent.c: the violation corrected */
double d = 0x1.8p1;
