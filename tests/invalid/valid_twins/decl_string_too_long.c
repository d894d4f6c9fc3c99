/* valid twin of ../decl_string_too_long.c: the violation corrected */
char s[2] = "ab";
