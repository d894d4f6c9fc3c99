#include <stdio.h>
#include <string.h>
int lib_counter = 10;
__thread int lib_tls = 5;
static __thread int lib_tls2 = 7;
const char *lib_name(void) { return "libx"; }
static int helper(int x) { return x * 2; }
int (*lib_fp)(const char *) = puts;
int lib_call(int x) { lib_counter++; lib_tls++; lib_tls2 += 2; printf("lib_call %d %d %d %s\n", helper(x), lib_tls, lib_tls2, lib_name()); return lib_counter; }
size_t lib_len(const char *s) { return strlen(s); }
