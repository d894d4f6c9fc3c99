/* C11 6.10.3p6: macro parameter names must be unique */
#define F(a, a) a
int x;
