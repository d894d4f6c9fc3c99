/* Sieve of Eratosthenes: byte-array loops. */
#include <stdio.h>
#include <string.h>

#define N 5000000
static unsigned char composite[N + 1];

int main(void) {
    unsigned long sum = 0;
    int count = 0;
    for (int round = 0; round < 12; round++) {
        memset(composite, 0, sizeof composite);
        count = 0;
        sum = 0;
        for (long i = 2; i <= N; i++) {
            if (composite[i])
                continue;
            count++;
            sum += (unsigned long)i * (unsigned long)(round + 1);
            for (long j = i * i; j <= N; j += i)
                composite[j] = 1;
        }
    }
    printf("sieve %d primes checksum %lu\n", count, sum);
    return 0;
}
