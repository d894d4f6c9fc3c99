/* C11 6.7.4p3: an external inline definition refers to an internal-linkage identifier */
static int s;
inline int f(void)
{
    return s;
}
