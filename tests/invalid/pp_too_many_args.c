/* C11 6.10.3p4: too many arguments in macro invocation */
#define F(a) (a)
int x = F(1, 2);
