/* Position-independent executable: every way lcc addresses a symbol. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;                       /* libc data: copy relocation */
extern int weak_data __attribute__((weak));  /* undefined weak: the GOT */
extern void weak_fn(void) __attribute__((weak));
__thread int tls_counter = 3;
static __thread long tls_static[4];
static int table[8] = {1, 2, 3, 5, 8, 13, 21, 34};
int *const ptrs[] = {&table[1], &table[3], &table[7]};
static const char *const words[] = {"alpha", "beta", "gamma"};
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
int (*const ops[])(int, int) = {add, sub};

static int sw(int x) {
  switch (x) {
  case 0: return 7; case 1: return 11; case 2: return 13; case 3: return 17;
  case 4: return 19; case 5: return 23; case 6: return 29; case 7: return 31;
  default: return -1;
  }
}

static int jump(int i) {
  static const void *const labels[] = {&&l0, &&l1, &&l2};
  void *p = &&l0;
  if (i > 2) goto *p;
  goto *labels[i];
l0: return 40;
l1: return 41;
l2: return 42;
}

int main(void) {
  long s = 0;
  for (int i = -2; i < 10; i++) s = s * 5 + sw(i);
  for (int i = 0; i < 4; i++) s += jump(i);
  for (int i = 0; i < 3; i++) s += *ptrs[i] + (long)strlen(words[i]);
  s += ops[0](5, 6) * ops[1](10, 3);
  tls_counter += 4;
  tls_static[2] = 9;
  errno = 0;
  printf("%ld %d %ld %d\n", s, tls_counter, tls_static[2], errno);
  printf("%d %d %d\n", environ != 0, &weak_data == 0, weak_fn == 0);
  if (&weak_data) s += weak_data;
  if (weak_fn) weak_fn();
  puts(words[s & 1]);
  return 0;
}
