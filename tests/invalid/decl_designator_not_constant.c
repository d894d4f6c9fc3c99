/* C11 6.7.9p6: array designator must be an integer constant expression */
int n = 1;
int a[3] = { [n] = 1 };
