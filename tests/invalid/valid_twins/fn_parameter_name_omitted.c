/* valid twin of ../fn_parameter_name_omitted.c: the violation corrected */
int f(int unused)
{
    return 0;
}
