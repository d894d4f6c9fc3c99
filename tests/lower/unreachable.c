/* Lowering end to end: code after jumps and in constant-false branches is
   dropped, but labels (case, goto) inside such code stay reachable. */
int printf(const char *, ...);
static void link_error(void) { printf("BAD\n"); }
static int f(int x) {
    int r = 0;
    switch (x) {
    case 0: if (0) { link_error(); case 1: r += 1; } else { r += 10; case 2: r += 100; }
        r += 1000;
    }
    if (1) { r += 5; } else { link_error(); again: r += 7; }
    if (x == 7) { x = 0; goto again; }
    while (0) link_error();
    for (; 0;) link_error();
    r += 0 && (link_error(), 1);
    r += 1 || (link_error(), 1);
    r += 0 ? (link_error(), 1) : 2;
    return r;
    link_error();
}
int main(void) {
    printf("%d %d %d %d %d\n", f(0), f(1), f(2), f(3), f(7));
    return 0;
}
