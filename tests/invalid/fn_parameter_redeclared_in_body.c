/* C11 6.7p3: function body redeclares a parameter in its outermost block */
void f(int a)
{
    int a;
}
