/* C11 6.7.4p3: an external inline definition defines a modifiable static object */
inline int f(void)
{
    static int count;
    return ++count;
}
