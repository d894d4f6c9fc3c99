/* valid twin of ../decl_designator_index_out_of_bounds.c: the violation corrected */
int a[3] = { [2] = 1 };
