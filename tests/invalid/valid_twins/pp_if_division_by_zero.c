/* valid twin of ../pp_if_division_by_zero.c: the violation corrected */
#if 1 / 1
int x;
#endif
int y;
