/* valid twin of ../lex_octal_digit_9.c: the violation corrected */
int x = 07;
