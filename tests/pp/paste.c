/* ## forming every kind of token, and placemarkers. */
#define cat(a, b) a ## b
#define xcat(a, b) cat(a, b)
cat(+, +) cat(-, =) cat(<<, =) cat(-, >) cat(%:, %:) cat(., 5) cat(1, e) cat(0x, 1f)
cat(L, "s") cat(u8, "s") cat(x, 1) cat(_, _LINE__) cat(, ) cat(a, ) cat(, b)
xcat(xcat(1, 2), 3) cat(1.5, e+3)
#define three(a, b, c) a ## b ## c
three(x, , z) three(, , ) three(1, 2, 3)
#define hash_hash # ## #
#define mkstr(a) # a
#define in_between(a) mkstr(a)
#define join(c, d) in_between(c hash_hash d)
char p[] = join(x, y);
