/* valid twin of ../decl_alignas_weaker.c: the violation corrected */
_Alignas(8) int x;
