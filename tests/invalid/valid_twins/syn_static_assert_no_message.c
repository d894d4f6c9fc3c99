/* valid twin of ../syn_static_assert_no_message.c: the violation corrected */
_Static_assert(1, "one");
