#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };

static int dist2(struct point a, struct point b)
{
    int dx = a.x - b.x, dy = a.y - b.y;
    return dx * dx + dy * dy;
}

int main(int argc, char **argv)
{
    struct point p = { 3, 4 }, o = { 0 };
    printf("hello from lcc: %d %s\n", dist2(p, o), argc > 1 ? argv[1] : "");
    return EXIT_SUCCESS;
}
