/* valid twin of ../stmt_return_value_in_void.c: the violation corrected */
void f(void)
{
    return;
}
