/* valid twin of ../decl_excess_array_initializers.c: the violation corrected */
int a[2] = { 1, 2 };
