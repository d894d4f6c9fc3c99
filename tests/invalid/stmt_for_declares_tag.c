/* C11 6.8.5p3: for-loop declaration that declares a struct tag */
void f(void)
{
    for (struct S { int a; } s = { 0 }; s.a < 3; s.a++)
        ;
}
