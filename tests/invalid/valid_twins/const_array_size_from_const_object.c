/* valid twin of ../const_array_size_from_const_object.c: the violation corrected */
enum { n = 3 };
int a[n];
