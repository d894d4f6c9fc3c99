#include <stdio.h>
static int depth;
void __attribute__((no_instrument_function)) __cyg_profile_func_enter(void *f, void *s) { depth++; }
void __attribute__((no_instrument_function)) __cyg_profile_func_exit(void *f, void *s) { depth--; }
int __attribute__((no_instrument_function, destructor)) report(void) { printf("depth %d\n", depth); return 0; }
