/* C11 6.7p3: identifier without linkage declared twice in one scope */
void f(void)
{
    int x;
    int x;
}
