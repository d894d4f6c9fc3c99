/* valid twin of ../const_case_not_constant.c: the violation corrected */
int f(int x, int y)
{
    switch (x) {
    case 2:
        return 1;
    }
    return 0;
}
