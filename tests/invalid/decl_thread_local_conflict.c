/* C11 6.7.1p3: _Thread_local with auto */
void f(void)
{
    auto _Thread_local int x;
}
