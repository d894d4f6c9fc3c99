/* C11 6.8.5p2: do-while condition must be scalar */
union U { int a; };
void f(union U u)
{
    do ; while (u);
}
