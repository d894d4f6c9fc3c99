/* C11 6.7.5p3: _Alignas needs an integer constant expression */
int n = 8;
_Alignas(n) int x;
