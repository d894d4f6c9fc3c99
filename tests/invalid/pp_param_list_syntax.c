/* C11 6.10.3p1: macro parameters must be separated by commas */
#define F(a b) a
int x;
