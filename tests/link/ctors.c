#include <stdio.h>
#include <stdlib.h>
static void __attribute__((constructor)) c1(void) { puts("ctor"); }
static void __attribute__((constructor(200))) c0(void) { puts("ctor 200"); }
static void __attribute__((constructor(150))) cm(void) { puts("ctor 150"); }
static void __attribute__((destructor)) d1(void) { puts("dtor"); }
static void bye(void) { puts("atexit"); }
int main(void) { atexit(bye); puts("main"); return 0; }
