/* From SQLite's shell.c and sqlite3.c (lcc failed to assemble them): glibc's
   headers name functions with an asm label of adjacent string literals,
   __asm__ ("" "stat64"); lcc kept the quotes in the symbol
   (`call  "stat64`). Owner: sema (lcc/sema/decls.py _asm_text). */
#include <stdio.h>
#include <sys/stat.h>

extern int my_puts(const char *) __asm__("" "puts");
extern int my_puts2(const char *) __asm__("pu" "ts");
int renamed_var __asm__("real" "_" "name") = 5;
extern int real_name;

int main(void) {
    struct stat st;
    my_puts("one");
    my_puts2("two");
    int r = stat("/", &st);
    printf("%d %d\n", r, S_ISDIR(st.st_mode) ? 1 : 0);
    printf("%d\n", real_name + renamed_var);
    return 0;
}
