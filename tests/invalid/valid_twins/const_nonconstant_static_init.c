/* valid twin of ../const_nonconstant_static_init.c: the violation corrected */
int y;
int *x = &y;
