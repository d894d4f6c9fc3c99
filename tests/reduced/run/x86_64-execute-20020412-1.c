/* Reduced by creduce from gcc.c-torture/execute/20020412-1.c (x86_64, run).
   gcc's program passes (-O0, -O2, sanitized); lcc: runtime: SIGABRT
   options: -O0
   action: run
   (found by --reduce, 940 -> 485 bytes: a struct of variable size (GNU VLA member) passed
   through '...' and read back with va_arg; gcc passes it by invisible reference)
   python -m lcc -w -O0 tests/reduced/run/x86_64-execute-20020412-1.c -lm -o /tmp/t && /tmp/t  */
#include <stdarg.h>
void abort();
void foo(int size, ...) {
  struct {
    char x[size]} d;
  va_list ap;
  int i;
  va_start(ap, size);
  d = va_arg(ap, typeof(d));
  i = 0;
  for (; i < size; i++) {
    {
      int c = d.x[i];
      static int d = '0';
      if (c != d++)
        abort();
    }
  }
  for (; i < size; i)
    ;
}
int main() {
  int z = 5;
  struct {
    char a[z]} x, y;
  x.a[0] = '0';
  x.a[1] = '1';
  x.a[2] = '2';
  x.a[3] = '3';
  x.a[4] = '4';
  foo(z, x);
}
