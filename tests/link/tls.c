#include <stdio.h>
#include <errno.h>
__thread int counter = 5;
__thread long big[4] = {1, 2, 3, 4};
static __thread int zero;
__thread char buf[100];
extern __thread int counter2;
__thread int counter2 = 9;
int *addr(void) { return &counter; }
int main(void) {
    counter += 3; zero += 2; big[2] += 10;
    buf[10] = 'x';
    errno = 7;
    printf("%d %d %ld %c %d %d\n", counter, zero, big[2], buf[10], *addr(), counter2);
    printf("%d\n", errno);
    return 0;
}
