/* valid twin of ../decl_inline_static_reference.c: the violation corrected */
static int s;
static inline int f(void)
{
    return s;
}
