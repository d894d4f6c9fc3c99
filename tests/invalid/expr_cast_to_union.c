/* C11 6.5.4p2: cast to a union type */
union U { int a; double d; };
void f(int x)
{
    (union U)x;
}
