/* Uses lib.c as a shared library: its data, functions, thread-locals,
   and a symbol (app_value) the program defines for the library. */
#include <stdio.h>
extern int counter;
extern __thread int tls_g;
int app_value = 21;
int twice(int);
int (*pick(int))(int);
int classify(int);
int bump(void);
int *counter_addr(void);
int *tls_addr(void);
int use_app(void);
const char *name(int);
int computed(int);

int main(void) {
  int s = 0;
  for (int i = -1; i < 8; i++)
    s = s * 3 + classify(i);
  printf("%d %d %d %d\n", s, twice(4), pick(0)(5), pick(1)(5));
  int b1 = bump();
  int b2 = bump();
  printf("%d %d\n", b1, b2);
  counter += 100;
  tls_g += 1000;
  printf("%d %d %d %d\n", *counter_addr(), counter, *tls_addr(), tls_g);
  printf("%d %s %s %d %d\n", use_app(), name(0), name(2), computed(1), computed(2));
  printf("%d\n", counter_addr() == &counter && tls_addr() == &tls_g);
  return 0;
}
