/* C11 6.5.2.4p1: ++ on a const object */
const int c = 1;
void f(void)
{
    c++;
}
