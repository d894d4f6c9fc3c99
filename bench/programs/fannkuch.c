/* Fannkuch-redux (the benchmarks game's): permutations of small arrays. */
#include <stdio.h>

int main(void) {
    enum { N = 10 };
    int perm[N], perm1[N], count[N];
    int max_flips = 0, checksum = 0, perm_count = 0, r = N;
    for (int i = 0; i < N; i++)
        perm1[i] = i;
    for (;;) {
        while (r != 1) {
            count[r - 1] = r;
            r--;
        }
        for (int i = 0; i < N; i++)
            perm[i] = perm1[i];
        int flips = 0, k;
        while ((k = perm[0]) != 0) {
            for (int i = 0, j = k; i < j; i++, j--) {
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            flips++;
        }
        if (flips > max_flips)
            max_flips = flips;
        checksum += perm_count % 2 == 0 ? flips : -flips;
        for (;;) {
            if (r == N) {
                printf("fannkuch checksum %d max flips %d\n", checksum, max_flips);
                return 0;
            }
            int p0 = perm1[0];
            for (int i = 0; i < r; i++)
                perm1[i] = perm1[i + 1];
            perm1[r] = p0;
            if (--count[r] > 0)
                break;
            r++;
        }
        perm_count++;
    }
}
