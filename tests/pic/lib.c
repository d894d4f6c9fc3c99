/* A shared library: preemptible, static and hidden data, thread-locals
   (general-dynamic), a jump table, labels as values, pointers in const
   data (.data.rel.ro) and a symbol the executable defines. */
#include <stdio.h>
int counter = 5;                 /* preemptible data */
static int hidden_count;
__attribute__((visibility("hidden"))) int hid = 7;
__thread int tls_g = 11;
static __thread int tls_s = 13;
extern int app_value;            /* defined by the program */
const char *const names[] = {"zero", "one", "two"};
int (*const fp)(int);
int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }
int (*pick(int k))(int) { return k ? twice : thrice; }
int classify(int x) {
  switch (x) { case 0: return 10; case 1: return 20; case 2: return 30; case 3: return 40;
               case 4: return 50; case 5: return 60; default: return -1; }
}
int bump(void) { hidden_count++; tls_s++; return ++counter + hid + hidden_count + tls_g++ + tls_s; }
int *counter_addr(void) { return &counter; }
int *tls_addr(void) { return &tls_g; }
int use_app(void) { return app_value * 2 + twice(3); }
const char *name(int i) { return names[i]; }
int computed(int i) {
  static void *tab[] = {&&a, &&b, &&c};
  goto *tab[i];
a: return 100; b: return 200; c: return 300;
}
