/* C11 6.5.4p2: cast to an array type */
void f(int *p)
{
    (int[2])p;
}
