#include <stdio.h>
#include <stdint.h>
char pad1(void) { return 1; }
void func(void) __attribute__((aligned(256)));
void func(void) {}
__attribute__((aligned(128))) static int g2(int x) { return x + 1; }
void h(void) __attribute__((aligned(2)));
void h(void) {}
extern void ext(void) __attribute__((aligned(32)));
int main(void) {
  printf("%zu %zu %zu %zu %zu\n", __alignof__(func), __alignof__(g2), __alignof__(h), __alignof__(ext), __alignof__(main));
  printf("%d %d %d\n", (int)((uintptr_t)func % 256), (int)((uintptr_t)g2 % 128), g2(1));
  return 0;
}
