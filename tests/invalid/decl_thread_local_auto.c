/* C11 6.7.1p3: _Thread_local at block scope needs static or extern */
void f(void)
{
    _Thread_local int x;
    (void)x;
}
