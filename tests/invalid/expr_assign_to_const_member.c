/* C11 6.5.16p2: assignment to a const member */
struct S { const int a; int b; };
void f(struct S *s)
{
    s->a = 1;
}
