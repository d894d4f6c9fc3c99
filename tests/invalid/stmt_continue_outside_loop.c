/* C11 6.8.6.2p1: continue outside a loop */
void f(void)
{
    continue;
}
