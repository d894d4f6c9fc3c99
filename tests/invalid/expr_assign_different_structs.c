/* C11 6.5.16.1p1: assigning between different struct types */
struct A { int a; };
struct B { int a; };
void f(struct A a)
{
    struct B b;
    b = a;
}
