/* C11 6.5.2.3p2: -> needs a pointer to struct or union */
struct S { int a; };
int f(struct S s)
{
    return s->a;
}
