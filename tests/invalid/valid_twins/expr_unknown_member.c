/* valid twin of ../expr_unknown_member.c: the violation corrected */
struct S { int a; };
int f(struct S s)
{
    return s.a;
}
