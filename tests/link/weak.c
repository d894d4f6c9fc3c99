#include <stdio.h>
extern int missing_fn(void) __attribute__((weak));
extern int missing_var __attribute__((weak));
int overridable(void) __attribute__((weak));
int overridable(void) { return 1; }
int main(void) {
    printf("%d %d %d\n", missing_fn == 0, &missing_var == 0, overridable());
    if (missing_fn) return missing_fn();
    return 0;
}
