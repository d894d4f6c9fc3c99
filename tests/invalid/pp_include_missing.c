/* C11 6.10.2p2: #include of a header that does not exist */
#include "no_such_header_for_lcc_tests.h"
int x;
