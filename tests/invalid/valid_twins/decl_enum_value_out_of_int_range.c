/* valid twin of ../decl_enum_value_out_of_int_range.c: the violation corrected */
enum E { A = 0x7fffffff };
