/* valid twin of ../syn_missing_semicolon.c: the violation corrected */
int x;
int y;
