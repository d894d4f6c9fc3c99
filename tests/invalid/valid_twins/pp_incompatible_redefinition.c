/* valid twin of ../pp_incompatible_redefinition.c: the violation corrected */
#define N 1
#define N 1
int x = N;
