/* Reduced by creduce from gcc.c-torture/compile/20010510-1.c (x86_64, preprocess).
   gcc accepts it; lcc: differ
   python -m lcc --target=x86_64 -E -w -O0 tests/reduced/x86_64-compile-20010510-1.c  */
#ident ""
