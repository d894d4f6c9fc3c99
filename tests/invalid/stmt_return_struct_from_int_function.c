/* C11 6.8.6.4p3: return value not assignable to the return type */
struct S { int a; };
int f(struct S s)
{
    return s;
}
