#include <stdio.h>

static int total(int n)
{
  int sum = 0;
  void add(int k) { sum += k * n; }
  int i;
  for (i = 1; i <= n; i++)
    add(i);
  return sum;
}

int main(void)
{
  printf("%d %d\n", total(3), total(10));
  return 0;
}
