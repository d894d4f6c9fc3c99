/* C11 6.5.8p2: < of two structs */
struct S { int a; };
int f(struct S a, struct S b)
{
    return a < b;
}
