/* C11 6.10.3.3p1: ## may not begin a replacement list */
#define F(a) ## a
int x;
