/* valid twin of ../expr_cast_struct_to_int.c: the violation corrected */
struct S { int a; };
int f(struct S s)
{
    return (int)s.a;
}
