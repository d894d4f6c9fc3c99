/* C11 6.10.3p4: too few arguments in macro invocation */
#define F(a, b) ((a) + (b))
int x = F(1);
