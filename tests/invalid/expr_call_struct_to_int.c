/* C11 6.5.2.2p2: argument not assignable to its parameter type */
struct S { int a; };
int g(int a);
int f(struct S s)
{
    return g(s);
}
