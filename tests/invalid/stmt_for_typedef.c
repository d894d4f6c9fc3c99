/* C11 6.8.5p3: for-loop declaration of a typedef */
void f(void)
{
    for (typedef int T; ;)
        break;
}
