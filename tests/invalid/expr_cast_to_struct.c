/* C11 6.5.4p2: cast to a non-scalar type */
struct S { int a; };
void f(int x)
{
    (struct S)x;
}
