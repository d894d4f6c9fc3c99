/* valid twin of ../fn_kr_definition_conflicts_prototype.c: the violation corrected */
int f();
int f(c)
    char c;
{
    return c;
}
