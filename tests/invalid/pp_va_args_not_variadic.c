/* C11 6.10.3p5: __VA_ARGS__ only in a variadic macro */
#define F(a) __VA_ARGS__
int x;
