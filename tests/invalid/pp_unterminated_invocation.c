/* C11 6.10.3p10: macro invocation missing its closing parenthesis */
#define F(a) (a)
int x = F(1;
