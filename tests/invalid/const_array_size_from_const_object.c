/* C11 6.6p6: a const object is not an integer constant expression */
const int n = 3;
int a[n];
