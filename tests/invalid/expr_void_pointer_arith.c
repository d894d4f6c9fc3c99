/* C11 6.5.6p2: pointer arithmetic needs a complete object type */
void *f(void *p)
{
    return p + 1;
}
