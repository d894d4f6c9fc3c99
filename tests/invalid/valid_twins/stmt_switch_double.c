/* valid twin of ../stmt_switch_double.c: the violation corrected */
int f(double d)
{
    switch ((int)d) {
    case 1:
        return 1;
    }
    return 0;
}
