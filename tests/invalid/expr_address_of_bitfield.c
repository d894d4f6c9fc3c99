/* C11 6.5.3.2p1: & of a bit-field */
struct S { int b : 3; };
void *f(struct S *s)
{
    return &s->b;
}
