/* C11 6.8.6.2p1: continue in a switch that is not inside a loop */
void f(int x)
{
    switch (x) {
    case 1:
        continue;
    }
}
