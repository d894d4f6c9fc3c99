/* C11 6.10.3.2p1: # must be followed by a parameter */
#define F(a) #b
int x;
