/* Mandelbrot set: tight FP loop with compare and branch. */
#include <stdio.h>

int main(void) {
    const int w = 600, h = 400, limit = 200;
    long inside = 0, iters = 0;
    for (int py = 0; py < h; py++) {
        double ci = (double)py / h * 2.4 - 1.2;
        for (int px = 0; px < w; px++) {
            double cr = (double)px / w * 3.5 - 2.5;
            double zr = 0, zi = 0;
            int i = 0;
            while (i < limit && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                i++;
            }
            iters += i;
            inside += i == limit;
        }
    }
    printf("mandelbrot checksum %ld %ld\n", inside, iters);
    return 0;
}
