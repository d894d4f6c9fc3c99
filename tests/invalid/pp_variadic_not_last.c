/* C11 6.10.3p1: ... must be the last macro parameter */
#define F(..., a) a
int x;
