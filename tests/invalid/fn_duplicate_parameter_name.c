/* C11 6.7p3: two parameters with one name */
void f(int a, int a)
{
}
