/* C11 6.7.6.3p15: K&R definition parameter type incompatible with the promoted prototype */
int f(char c);
int f(c)
    char c;
{
    return c;
}
