/* C11 6.10.3p1: macro parameter list missing its ) */
#define F(a, b
int x;
