/* C11 6.7.10p3: _Static_assert needs an integer constant expression */
int n = 3;
_Static_assert(n, "n");
