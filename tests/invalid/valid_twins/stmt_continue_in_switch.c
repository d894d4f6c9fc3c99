/* valid twin of ../stmt_continue_in_switch.c: the violation corrected */
void f(int x)
{
    switch (x) {
    case 1:
        break;
    }
}
