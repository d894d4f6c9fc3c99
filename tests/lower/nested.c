/* Lowering end to end: GNU nested functions capturing variables and
   parameters (also through their own parameter declarators), passed as
   function pointers, nested twice, and jumping to a label of the parent. */
int printf(const char *, ...);

static int apply(int (*f)(int), int v) { return f(v); }

static int outer(int base, int n) {
    int total = 0;
    int add(int k) { total += k + base; return total; }
    int twice(int k) {
        int inner(int j) { return add(j) * 2; }
        return inner(k) + inner(k + 1);
    }
    apply(add, 5);
    total += twice(n);
    return total;
}

static int search(int *a, int n, int key) {
    __label__ found;
    int at = -1;
    void look(int i) {
        if (i >= n) return;
        if (a[i] == key) { at = i; goto found; }
        look(i + 1);
    }
    look(0);
    return -1;
found:
    return at * 10;
}

static int vla_param(int m) {
    int seen(int row[m++]) { return m; }
    int v[4] = { 0 };
    return seen(v) + seen(v) + m;
}

int main(void) {
    int a[] = { 4, 8, 15, 16, 23, 42 };
    printf("%d %d\n", outer(1, 3), outer(10, 0));
    printf("%d %d %d\n", search(a, 6, 15), search(a, 6, 42), search(a, 6, 7));
    printf("%d\n", vla_param(1));
    return 0;
}
