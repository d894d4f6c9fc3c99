/* C11 6.7.4p4: main cannot be inline */
inline int main(void)
{
    return 0;
}
