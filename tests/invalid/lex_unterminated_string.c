/* C11 6.4.5p1: string literal missing its closing quote */
const char *s = "abc;
int y;
