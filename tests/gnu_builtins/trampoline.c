#include <stdio.h>
#include <stdlib.h>

typedef int (*intfn)(int);

/* Each activation's nested function, called through pointers collected
   from every depth: each must see its own activation's n. */
static intfn fns[8];
static int run_all(int depth)
{
  int s = 0, i;
  for (i = 0; i < depth; i++)
    s = s * 10 + fns[i](0);
  return s;
}
static int collect(int n, int depth)
{
  int add(int x) { return x + n; }
  fns[depth] = add;
  if (depth < 4)
    return collect(n + 1, depth + 1) + add(100);   /* a direct call after deeper ones */
  return run_all(depth + 1);
}

/* A direct call after another activation's trampoline ran. */
static intfn outer_fn;
static int mixed(int n)
{
  int get(int x) { return n * 1000 + x; }
  if (n == 1) {
    outer_fn = get;
    return mixed(2);
  }
  int via_tramp = outer_fn(5);        /* activation 1's closure */
  int direct = get(7);                /* activation 2's own */
  return via_tramp + direct * 100000;
}

/* Non-local goto through a pointer to a nested function of an outer
   activation (gcc's nestfunc-5). */
static int rec(int n, void (*proc)(void))
{
  __label__ out;
  void jump(void) { goto out; }
  if (n == 3)
    rec(n - 1, jump);
  else if (n > 0)
    rec(n - 1, proc);
  else
    proc();
  return -1;
out:
  printf("landed in %d\n", n);
  return n;
}

static void nop(void) {}

/* A nested function's recursive call of itself after another
   activation's trampoline ran. */
static int selfrec(int n, intfn other)
{
  int down(int x)
  {
    if (x == 0)
      return n;
    if (x == 2 && other)
      other(0);
    return down(x - 1);
  }
  if (n == 2)
    return selfrec(1, down);
  return down(3);
}

/* qsort with a comparator that counts its calls in the parent. */
static int sort_desc(int *v, int len)
{
  int calls = 0;
  int cmp(const void *a, const void *b)
  {
    calls++;
    return *(const int *)b - *(const int *)a;
  }
  qsort(v, len, sizeof *v, cmp);
  return calls > 0;
}

int main(void)
{
  int v[6] = {3, 1, 4, 1, 5, 9}, i;
  printf("%d\n", collect(1, 0));
  printf("%d\n", mixed(1));
  printf("%d\n", rec(6, nop));
  printf("%d\n", selfrec(2, 0));
  printf("%d:", sort_desc(v, 6));
  for (i = 0; i < 6; i++)
    printf(" %d", v[i]);
  printf("\n");
  return 0;
}
