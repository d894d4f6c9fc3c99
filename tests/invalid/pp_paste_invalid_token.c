/* C11 6.10.3.3p3: ## must produce a valid preprocessing token */
#define CAT(a, b) a ## b
int x = 1 CAT(+, /) 2;
