/* Computed includes, a function-like name at the end of an included file
   (not joined with the includer's parenthesis), __FILE__/__LINE__ inside
   headers, __INCLUDE_LEVEL__. */
#define INC_DIR inc
#define str(x) #x
#define xstr(x) str(x)
#define HEADER xstr(INC_DIR/macro_at_end.h)
#include HEADER
(1) fn(2)
#define ANGLE <stddef.h>
#include ANGLE
size_t z;
#if __has_include(HEADER) && __has_include(<stdio.h>)
computed_has_include
#endif
const char *file = __FILE__; int line = __LINE__; int lvl = __INCLUDE_LEVEL__;
const char *base = __BASE_FILE__;
