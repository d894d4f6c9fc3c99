/* C11 6.5.9p2: == of two structs */
struct S { int a; };
int f(struct S a, struct S b)
{
    return a == b;
}
