#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
extern char **environ;
int main(int argc, char **argv) {
    int n = 0;
    for (char **e = environ; *e; e++) n++;
    fprintf(stdout, "env>0 %d\n", n > 0);
    errno = 0;
    FILE *f = fopen("/nonexistent/x", "r");
    fprintf(stdout, "fopen %p errno %d %s\n", (void *)f, errno, strerror(errno));
    fputs("to stderr\n", stderr);
    printf("getenv %d\n", getenv("LINKTEST_VAR") != NULL);
    fflush(stdout);
    return optind + 1;
}
