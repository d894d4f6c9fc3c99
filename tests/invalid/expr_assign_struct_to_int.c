/* C11 6.5.16.1p1: assigning a struct to an int */
struct S { int a; };
void f(struct S s)
{
    int x;
    x = s;
}
