#include <stdio.h>
#include <math.h>
int main(int argc, char **argv) {
    volatile double x = 2.0 + argc;
    printf("%.6f %.6f %.6f %.6f\n", sqrt(x), sin(x), pow(x, 3.5), log(x));
    return 0;
}
