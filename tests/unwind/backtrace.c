#include <execinfo.h>
#include <stdio.h>
#include <string.h>
#include <unwind.h>

static int depth;
static _Unwind_Reason_Code count(struct _Unwind_Context *c, void *arg) {
    (void)c; (void)arg; depth++; return _URC_NO_REASON;
}

__attribute__((noinline)) int leaf(int n) {
    void *buf[64];
    int k = backtrace(buf, 64);
    char **names = backtrace_symbols(buf, k);
    for (int i = 0; i < k && i < 6; i++) {
        const char *p = strchr(names[i], '(');
        const char *q = p ? strchr(p, '+') : 0;
        printf("%.*s\n", p && q ? (int)(q - p - 1) : 0, p ? p + 1 : "");
    }
    _Unwind_Backtrace(count, 0);
    return k + n;
}
__attribute__((noinline)) int mid(int n) {
    int __attribute__((aligned(64))) x[4] = {n, 1, 2, 3};
    return leaf(x[0]) + x[1];
}
__attribute__((noinline)) int top(int n) { register long a = n * 3, b = n + 1; return mid(n) + (int)(a * b); }
int main(void) { int r = top(1); printf("r=%d depth=%d\n", r, depth); return 0; }
