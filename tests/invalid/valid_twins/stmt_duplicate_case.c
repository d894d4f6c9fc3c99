/* valid twin of ../stmt_duplicate_case.c: the violation corrected */
int f(int x)
{
    switch (x) {
    case 1:
        return 1;
    case 3 - 1:
        return 2;
    }
    return 0;
}
