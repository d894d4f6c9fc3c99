/* Quicksort of pseudo-random ints, plus qsort with a callback. */
#include <stdio.h>
#include <stdlib.h>

#define N 1000000
static int a[N], b[N];

static void quicksort(int *v, long lo, long hi) {
    while (lo < hi) {
        int pivot = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                int t = v[i]; v[i] = v[j]; v[j] = t;
                i++; j--;
            }
        }
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
}

static int cmp(const void *p, const void *q) {
    int x = *(const int *)p, y = *(const int *)q;
    return (x > y) - (x < y);
}

int main(void) {
    unsigned x = 2463534242u;
    for (int i = 0; i < N; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        a[i] = b[i] = (int)(x % 100000000u) - 50000000;
    }
    quicksort(a, 0, N - 1);
    qsort(b, N / 4, sizeof b[0], cmp);
    long sum = 0;
    for (int i = 0; i < N; i++) {
        if (i > 0 && a[i - 1] > a[i]) {
            printf("not sorted at %d\n", i);
            return 1;
        }
        sum += (long)a[i] * (i % 7) + b[i % (N / 4)];
    }
    printf("quicksort checksum %ld\n", sum);
    return 0;
}
