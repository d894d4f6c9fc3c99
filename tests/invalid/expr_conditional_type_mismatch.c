/* C11 6.5.15p3: ?: with a struct and an int operand */
struct S { int a; };
void f(struct S s, int c)
{
    c ? s : 1;
}
