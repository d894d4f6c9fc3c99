/* C11 6.10.3.3p1: ## may not end a replacement list */
#define F(a) a ##
int x;
