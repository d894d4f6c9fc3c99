#include <stdio.h>
extern int lib_counter; extern __thread int lib_tls;
int lib_call(int); const char *lib_name(void); extern int (*lib_fp)(const char *);
unsigned long lib_len(const char *);
int main(void) { lib_counter += 100; printf("%d\n", lib_call(3)); printf("%d %d %s %lu\n", lib_counter, lib_tls, lib_name(), lib_len("abcd")); lib_fp("via fp"); return 0; }
